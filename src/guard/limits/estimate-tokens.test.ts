import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { approxTokens } from '../scanners/length/approx-tokens.js';
import { estimateRequestTokens, estimateTokens, MESSAGE_OVERHEAD_TOKENS } from './estimate-tokens.js';

describe('token estimates', () => {
  it('counts about four ASCII characters per token and one token per other UTF-16 unit', () => {
    expect(estimateTokens('')).toBe(0);
    expect(estimateTokens('abcd')).toBe(1);
    expect(estimateTokens('abcde')).toBe(2);
    expect(estimateTokens('日本語')).toBe(3);
    expect(estimateTokens('x'.repeat(1024))).toBe(256);
  });

  it('counts exactly as the length scanner does, so length.maxTokens and the token limits agree', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc.string()), (text) => {
        expect(estimateTokens(text)).toBe(approxTokens(text));
      }),
      { numRuns: 200 },
    );
  });

  it('adds the chat framing of each message', () => {
    expect(estimateRequestTokens([])).toBe(0);
    expect(estimateRequestTokens(['abcd', '日本'])).toBe(1 + 2 + 2 * MESSAGE_OVERHEAD_TOKENS);
  });
});
