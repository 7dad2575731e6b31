import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldDiacritics, normalizeWord, words } from './words.js';

describe('words', () => {
  it('splits on punctuation and keeps offsets into the original text', () => {
    const text = 'Hello, World! It isn\u2019t 1,000.50 dollars.';
    const found = words(text);
    expect(found.map((w) => w.norm)).toEqual(['hello', 'world', 'it', "isn't", '1000.50', 'dollars']);
    for (const w of found) expect(normalizeWord(text.slice(w.start, w.end))).toBe(w.norm);
  });

  it('keeps invisible joiners inside a word and normalises width and case', () => {
    const [w] = words('b\u200Bad ');
    expect(w).toMatchObject({ start: 0, end: 4, norm: 'bad' });
    expect(words('ＢＡＤ')[0]!.norm).toBe('bad');
  });

  it('reads letters outside the BMP and combining marks as word characters', () => {
    expect(words('𝐁𝐀𝐃 cafe\u0301').map((w) => w.norm)).toEqual(['bad', 'café']);
  });

  it('folds diacritics only when asked', () => {
    expect(foldDiacritics('café')).toBe('cafe');
    expect(foldDiacritics('plain')).toBe('plain');
  });

  it('never throws and returns ordered, in-bounds, non-overlapping words (fuzz)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        let last = 0;
        for (const w of words(text)) {
          if (w.start < last || w.end <= w.start || w.end > text.length) return false;
          last = w.end;
        }
        return true;
      }),
    );
  });
});
