import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ScanContext } from '../../types.js';
import { wordFilterScanner } from './index.js';

const ctx: ScanContext = { direction: 'input', role: 'user', route: 'default' };
const make = (o: Record<string, unknown>) => wordFilterScanner.create(wordFilterScanner.options.parse(o));

describe('word_filter', () => {
  it('finds custom words and phrases on word boundaries, case-insensitively', () => {
    const s = make({ words: ['project falcon', 'acme'] });
    const text = 'Tell me about PROJECT  Falcon at ACME.';
    const r = s.scan(text, ctx);
    expect(r.score).toBe(1);
    expect(r.spans.map((sp) => text.slice(sp.start, sp.end))).toEqual(['PROJECT  Falcon', 'ACME']);
    expect(r.spans.every((sp) => sp.entity === 'DENIED_WORD')).toBe(true);
  });

  it('does not match inside longer words or partial phrases (near misses)', () => {
    const s = make({ words: ['ass', 'project falcon'] });
    expect(s.scan('A class on passive assessment of the project.', ctx).score).toBe(0);
    expect(s.scan('falcon project', ctx).score).toBe(0);
  });

  it('sees through Unicode tricks: full-width letters, zero-width joiners, accents, leetspeak', () => {
    const s = make({ managedLists: ['profanity'] });
    for (const text of ['ＳＨＩＴ happens', 's\u200Bhit happens', 'shït happens', 'sh1t happens']) {
      const r = s.scan(text, ctx);
      expect(r.score, text).toBe(1);
      expect(r.spans[0]!.entity).toBe('PROFANITY');
    }
    expect(s.scan('Shiitake mushrooms and a cockpit', ctx).score).toBe(0);
  });

  it('can be told to keep accents and digits apart', () => {
    const s = make({ words: ['resume'], foldDiacritics: false, foldLeet: false });
    expect(s.scan('my résumé', ctx).score).toBe(0);
    expect(s.scan('r3sume', ctx).score).toBe(0);
    expect(s.scan('Resume', ctx).score).toBe(1);
  });

  it('rejects a policy entry with nothing to match', () => {
    expect(wordFilterScanner.options.safeParse({}).success).toBe(false);
    expect(wordFilterScanner.options.safeParse({ managedLists: ['slurs'] }).success).toBe(false);
  });

  it('never throws and keeps spans inside the text (fuzz)', () => {
    const s = make({ words: ['bad word', 'x'], managedLists: ['profanity'] });
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        const r = s.scan(text, ctx);
        return r.spans.every((sp) => sp.start >= 0 && sp.start < sp.end && sp.end <= text.length);
      }),
    );
  });

  it('scans 200 KB linearly', () => {
    const s = make({ managedLists: ['profanity'] });
    const text = 'fuck '.repeat(40_000);
    const t0 = performance.now();
    expect(s.scan(text, ctx).spans).toHaveLength(40_000);
    expect(performance.now() - t0).toBeLessThan(1500);
  });
});
