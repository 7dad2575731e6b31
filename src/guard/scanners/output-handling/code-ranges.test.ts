import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codeRanges, inRanges } from './code-ranges.js';

const pieces = (text: string) => codeRanges(text).map((r) => text.slice(r.start, r.end));

describe('codeRanges', () => {
  it('finds fenced blocks (closed or running to the end) and inline code of any backtick count', () => {
    expect(pieces('a `x` b ``y ` z`` c\n```js\ncode\n```\nafter\n~~~\nopen')).toEqual([
      '`x`',
      '``y ` z``',
      '```js\ncode\n```',
      '~~~\nopen',
    ]);
  });

  it('ignores unmatched backticks', () => {
    expect(pieces("it's a ` lone tick and `` a double")).toEqual([]);
  });

  it('answers membership by binary search', () => {
    const ranges = [
      { start: 2, end: 4 },
      { start: 10, end: 12 },
    ];
    expect([1, 2, 3, 4, 10, 11, 12].map((p) => inRanges(ranges, p))).toEqual([
      false,
      true,
      true,
      false,
      true,
      true,
      false,
    ]);
  });

  it('returns sorted in-bounds ranges for any input (fuzz) and stays linear on many lone backticks', () => {
    const unit = fc.constantFrom('`', '~', '\n', ' ', 'a');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 300 }), (text) => {
        let last = 0;
        for (const r of codeRanges(text)) {
          if (r.start < last || r.end < r.start || r.end > text.length) return false;
          last = r.end;
        }
        return true;
      }),
    );
    const text = '` ``` a'.repeat(30_000);
    const t0 = performance.now();
    codeRanges(text);
    expect(performance.now() - t0).toBeLessThan(1500);
  });
});
