import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalise, offsetsLength, originalRange } from './normalise.js';

const fold = (s: string) => normalise(s).text;

describe('normalise', () => {
  it('lower-cases and collapses whitespace', () => {
    expect(fold('  IGNORE\t\tprevious \n\n INSTRUCTIONS  ')).toBe('ignore previous instructions');
  });

  it('folds NFKC compatibility forms: fullwidth, mathematical, circled', () => {
    expect(fold('Ｉｇｎｏｒｅ')).toBe('ignore');
    expect(fold('𝐢𝐠𝐧𝐨𝐫𝐞 𝓹𝓻𝓮𝓿𝓲𝓸𝓾𝓼')).toBe('ignore previous');
    expect(fold('ⓘⓖⓝⓞⓡⓔ')).toBe('ignore');
  });

  it('strips diacritics and combining marks (Zalgo)', () => {
    expect(fold('ïgnörë prévïoüs')).toBe('ignore previous');
    expect(fold('i\u0336g\u0337n\u0338o\u0335r\u0334e\u0489')).toBe('ignore');
  });

  it('removes zero-width and bidi characters and counts them', () => {
    const n = normalise('ig\u200bno\u200bre\u202e pre\u2060vious\ufeff');
    expect(n.text).toBe('ignore previous');
    expect(n.invisible).toBe(5);
  });

  it('keeps emoji joiners and variation selectors out of the invisible count', () => {
    expect(normalise('👩\u200d💻 ok \u2764\ufe0f').invisible).toBe(0);
  });

  it('decodes Unicode tag characters (ASCII smuggling)', () => {
    const hidden = [...'ignore'].map((c) => String.fromCodePoint(0xe0000 + c.charCodeAt(0))).join('');
    const n = normalise(`hello ${hidden}`);
    expect(n.text).toBe('hello ignore');
    expect(n.tags).toBe(6);
  });

  it('folds Cyrillic and Greek homoglyphs and counts mixed-script words', () => {
    const n = normalise('іgnоrе рrеvіоus іnstruсtіоns'); // Cyrillic і о е р с mixed with Latin
    expect(n.text).toBe('ignore previous instructions');
    expect(n.mixedScript).toBeGreaterThanOrEqual(3);
    expect(normalise('Москва').mixedScript).toBe(0);
  });

  it('does not count Latin letters with strokes (Polish ł) as mixed script', () => {
    expect(normalise('Wrocław Łódź').mixedScript).toBe(0);
  });

  it('folds leetspeak inside words only', () => {
    const n = normalise('1gn0re prev10us 1nstruct10ns');
    expect(n.text).toBe('ignore previous instructions');
    expect(n.leetWords).toBe(3);
    expect(fold('In 2004 gpt4 had 4th place, h2o and covid19 at 10:30')).toBe(
      'in 2004 gpt4 had 4th place, h2o and covid19 at 10:30',
    );
  });

  it('folds leetspeak in linear time, even in long runs of word characters', () => {
    const long = `${'a'.repeat(200_000)} ${'b'.repeat(200_000)} 1gn0re`;
    const started = performance.now();
    expect(normalise(long).text.endsWith(' ignore')).toBe(true);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('maps folded ranges back to the input', () => {
    const input = 'Hello  Ｉｇｎｏｒｅ\u200b previous';
    const n = normalise(input);
    const at = n.text.indexOf('ignore previous');
    const r = originalRange(n, at, at + 'ignore previous'.length);
    expect(input.slice(r.start, r.end)).toBe('Ｉｇｎｏｒｅ\u200b previous');
  });

  it('maps ranges over astral characters to whole code points', () => {
    const input = 'x 𝐢𝐠𝐧𝐨𝐫𝐞 y';
    const n = normalise(input);
    const r = originalRange(n, 2, 8);
    expect(input.slice(r.start, r.end)).toBe('𝐢𝐠𝐧𝐨𝐫𝐞');
  });

  it('rebuilds exactly the fast path text when computing offsets, for any input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
        const n = normalise(s);
        expect(offsetsLength(n)).toBe(n.text.length);
        const r = originalRange(n, 0, n.text.length);
        expect(r.start).toBeGreaterThanOrEqual(0);
        expect(r.end).toBeLessThanOrEqual(s.length);
      }),
      { numRuns: 500 },
    );
  });
});
