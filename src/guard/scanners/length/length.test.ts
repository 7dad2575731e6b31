import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createGuard } from '../../create-guard.js';
import type { ScanContext } from '../../types.js';
import { approxTokens, offsetAtTokens } from './approx-tokens.js';
import { lengthScanner } from './index.js';

const ctx: ScanContext = { direction: 'input', role: 'user', route: 'default' };
const scanner = (o: { maxChars?: number; maxTokens?: number }) => lengthScanner.create(lengthScanner.options.parse(o));

describe('length scanner', () => {
  it('passes texts within the limits and flags the excess as one span', () => {
    const s = scanner({ maxChars: 10 });
    expect(s.scan('0123456789', ctx)).toEqual({ score: 0, spans: [] });
    const r = s.scan('0123456789abc', ctx);
    expect(r.score).toBe(1);
    expect(r.spans).toEqual([{ start: 10, end: 13, entity: 'EXCESS_LENGTH', score: 1, replacement: '' }]);
  });

  it('estimates tokens: ~4 ASCII characters each, one per other unit', () => {
    expect(approxTokens('abcd'.repeat(10))).toBe(10);
    expect(approxTokens('日本語')).toBe(3);
    expect(offsetAtTokens('abcd'.repeat(10), 5)).toBe(20);
    const r = scanner({ maxTokens: 5 }).scan('abcd'.repeat(10), ctx);
    expect(r.spans[0]).toMatchObject({ start: 20, end: 40 });
    expect(scanner({ maxTokens: 10 }).scan('abcd'.repeat(10), ctx).score).toBe(0);
  });

  it('requires a limit', () => {
    expect(lengthScanner.options.safeParse({}).success).toBe(false);
  });

  it('with action redact the guard truncates instead of blocking, never inside a surrogate pair', () => {
    const guard = createGuard({ policyText: 'input:\n  - scanner: length\n    action: redact\n    maxChars: 5\n' });
    // The 5th unit is half of 😀: the cut moves before the pair, so the text stays within the limit.
    expect(guard.check('abcd😀efg').segments[0]!.text).toBe('abcd');
    expect(guard.check('abc').changed).toBe(false);
  });

  it('never throws and reports score 0 or 1', () => {
    const s = scanner({ maxChars: 20, maxTokens: 6 });
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (text) => {
        const r = s.scan(text, ctx);
        expect([0, 1]).toContain(r.score);
        for (const sp of r.spans) expect(sp.end).toBe(text.length);
      }),
    );
  });
});
