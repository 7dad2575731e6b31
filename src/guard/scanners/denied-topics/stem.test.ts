import { describe, expect, it } from 'vitest';
import { stem } from './stem.js';

describe('stem', () => {
  it('brings inflections and common derivations of a word together', () => {
    const groups = [
      ['invest', 'invests', 'investing', 'invested', 'investment', 'investments'],
      ['recommend', 'recommends', 'recommended', 'recommending', 'recommendation', 'recommendations'],
      ['policy', 'policies'],
      ['make', 'making', 'makes'],
      ['run', 'running', 'runs'],
      ['weapon', 'weapons'],
      ['fall', 'falling'],
      ['medical', 'medic'],
    ];
    for (const group of groups) {
      const stems = new Set(group.map(stem));
      expect(stems.size, `${group.join(', ')} → ${[...stems].join(', ')}`).toBe(1);
    }
  });

  it('keeps different words apart', () => {
    for (const [a, b] of [
      ['stock', 'stack'],
      ['bond', 'band'],
      ['invest', 'investigate'],
      ['sport', 'spot'],
    ]) {
      expect(stem(a!), `${a} vs ${b}`).not.toBe(stem(b!));
    }
  });

  it('leaves short words, numbers and -ss/-us/-is endings alone', () => {
    for (const w of ['is', 'bus', 'gas', '401k', 'class', 'status', 'analysis']) expect(stem(w)).toBe(w);
  });
});
