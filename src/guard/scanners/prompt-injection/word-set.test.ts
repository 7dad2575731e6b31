import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WordSet } from './word-set.js';

const hits = (set: WordSet, text: string) => {
  const found: [number, string][] = [];
  set.scan(text, (value, start, end) => {
    found.push([value, text.slice(start, end)]);
    return undefined;
  });
  return found;
};

describe('WordSet', () => {
  const set = new WordSet([
    ['ignore', 0],
    ['prompt', 1],
    ['a', 2],
  ]);

  it('finds whole words only, with their values and ranges', () => {
    // 'prompt_x', 'ignored' and 'prompts' are other words; '_' is a word character, as in the regex `\w`.
    expect(hits(set, 'Please ignore the prompt_x, a prompt; ignored prompts.')).toEqual([
      [0, 'ignore'],
      [2, 'a'],
      [1, 'prompt'],
    ]);
  });

  it('matches upper case only when told to fold case', () => {
    expect(hits(set, 'IGNORE')).toEqual([]);
    expect(hits(new WordSet([['ignore', 7]], true), 'IGNORE this')).toEqual([[7, 'IGNORE']]);
  });

  it('stops at the first hit the callback accepts', () => {
    let calls = 0;
    const stopped = set.scan('ignore prompt a', () => {
      calls++;
      return true;
    });
    expect(stopped).toBe(true);
    expect(calls).toBe(1);
  });

  it('rejects entries that are not lower-case words', () => {
    expect(() => new WordSet([['Ignore', 0]])).toThrow(/not a lower-case word/);
    expect(() => new WordSet([["don't", 0]])).toThrow(/not a lower-case word/);
  });

  it('agrees with the regex \\b(?:word|…)\\b on any text', () => {
    const words = ['ab', 'b', 'ba', 'abc', 'a_b', 'x1'];
    const big = new WordSet(words.map((w, i) => [w, i] as const));
    const regex = new RegExp(`\\b(?:${[...words].sort((a, b) => b.length - a.length).join('|')})\\b`, 'g');
    fc.assert(
      fc.property(fc.stringMatching(/^[abx1_ .é-]{0,40}$/), (text) => {
        expect(hits(big, text).map(([, w]) => w)).toEqual(text.match(regex) ?? []);
      }),
      { numRuns: 2000 },
    );
  });
});
