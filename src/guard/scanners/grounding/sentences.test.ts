import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sentences } from './sentences.js';

const split = (text: string) => sentences(text).map((s) => text.slice(s.start, s.end));

describe('sentences', () => {
  it('splits at final punctuation followed by a space, and at line breaks', () => {
    expect(split('Revenue was $3.5M in 2023. Costs fell! Why?\n- item one\n- item two')).toEqual([
      'Revenue was $3.5M in 2023.',
      'Costs fell!',
      'Why?',
      '- item one',
      '- item two',
    ]);
  });

  it('keeps decimals, domains and closing quotes with their sentence', () => {
    expect(split('See example.com for v1.2 details. "Done." (Yes.) End')).toEqual([
      'See example.com for v1.2 details.',
      '"Done."',
      '(Yes.)',
      'End',
    ]);
  });

  it('splits CJK sentences on full-width marks', () => {
    expect(split('今日は晴れです。明日は雨？')).toEqual(['今日は晴れです。', '明日は雨？']);
  });

  it('returns ordered, trimmed, in-bounds sentences for any input (fuzz) and stays linear on runs of dots', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        let last = 0;
        for (const s of sentences(text)) {
          if (s.start < last || s.end <= s.start || s.end > text.length) return false;
          last = s.end;
        }
        return true;
      }),
    );
    const dots = `${'.'.repeat(200_000)}x`;
    const t0 = performance.now();
    sentences(dots);
    expect(performance.now() - t0).toBeLessThan(500);
  });
});
