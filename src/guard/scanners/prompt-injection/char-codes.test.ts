import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CharCodes } from './char-codes.js';

describe('CharCodes', () => {
  it('copies the UTF-16 code units of any string, lone surrogates included', () => {
    const scratch = new CharCodes();
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        const codes = scratch.of(text);
        const units = Array.from({ length: text.length }, (_, i) => text.charCodeAt(i));
        expect(Array.from(codes.subarray(0, text.length))).toEqual(units);
      }),
    );
    expect(Array.from(scratch.of('\ud800a\udfff').subarray(0, 3))).toEqual([0xd800, 0x61, 0xdfff]);
  });

  it('grows for long texts and copies sliced and concatenated strings alike', () => {
    const scratch = new CharCodes();
    const long = `${'é'.repeat(10_000)}${'x'.repeat(10_000)}`.slice(3);
    const codes = scratch.of(long);
    expect(codes.length).toBeGreaterThanOrEqual(long.length);
    expect(codes[0]).toBe(0xe9);
    expect(codes[long.length - 1]).toBe(0x78);
  });
});
