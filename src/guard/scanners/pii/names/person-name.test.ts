import { describe, expect, it } from 'vitest';
import { createPiiScanner } from '../index.js';
import { shape, tokenize } from './features.js';

const ctx = { direction: 'input', role: 'user', route: 'default' } as const;

describe('PERSON / LOCATION model', () => {
  it('is off unless the policy lists PERSON or LOCATION', () => {
    expect(createPiiScanner().scan('Yesterday Barack Obama flew to New York.', ctx).spans).toEqual([]);
  });

  it('tags capitalised words and joins consecutive ones into one span', () => {
    const text = 'Yesterday Barack Obama flew to New York and then to Paris.';
    const spans = createPiiScanner({ entities: ['PERSON', 'LOCATION'] }).scan(text, ctx).spans;
    const found = spans.map((s) => [s.entity, text.slice(s.start, s.end)]);
    expect(found).toContainEqual(['LOCATION', 'New York']);
    expect(found).toContainEqual(['LOCATION', 'Paris']);
    expect(found.some(([e, t]) => e === 'PERSON' && t?.includes('Obama'))).toBe(true);
    for (const s of spans) {
      expect(s.score).toBeGreaterThanOrEqual(0.5);
      expect(text.slice(s.start, s.end)).toMatch(/^\p{Lu}/u);
    }
  });

  it('never tags lower-case text', () => {
    const text = 'please summarise the notes from the meeting about the budget';
    expect(createPiiScanner({ entities: ['PERSON', 'LOCATION'] }).scan(text, ctx).spans).toEqual([]);
  });
});

describe('features', () => {
  it('tokenises words with inner apostrophes/hyphens and punctuation, with UTF-16 offsets', () => {
    const text = "😀 O'Neil-Smith, Zürich!";
    expect(tokenize(text).map((t) => [t.text, text.slice(t.start, t.end)])).toEqual([
      ['😀', '😀'],
      ["O'Neil-Smith", "O'Neil-Smith"],
      [',', ','],
      ['Zürich', 'Zürich'],
      ['!', '!'],
    ]);
  });

  it('collapses character classes into a shape', () => {
    expect(shape('McDonald')).toBe('XxXx');
    expect(shape('NASA')).toBe('X');
    expect(shape('Zürich')).toBe('Xx');
    expect(shape('R2-D2')).toBe('Xd-Xd');
  });
});
