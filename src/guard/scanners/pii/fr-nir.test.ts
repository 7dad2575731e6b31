import { describe, expect, it } from 'vitest';
import { frNirDetector, nirValid } from './fr-nir.js';
import { run } from './test-helpers.js';

describe('nirValid (structure + key 97 − n mod 97)', () => {
  it('accepts valid numbers, Corsica included', () => {
    expect(nirValid('269054958815780')).toBe(true);
    expect(nirValid('185052A00608435')).toBe(true); // 2A counts as 19
  });

  it('rejects a wrong key, sex digit or month', () => {
    expect(nirValid('269054958815781')).toBe(false);
    expect(nirValid('369054958815780')).toBe(false);
    expect(nirValid('185137800608425')).toBe(false); // key right for the digits, month 13 impossible
  });
});

describe('frNirDetector', () => {
  it('finds spaced and compact numbers; a cue raises the score', () => {
    expect(run(frNirDetector, 'numéro de sécurité sociale : 2 69 05 49 588 157 80')).toEqual([
      ['FR_NIR', '2 69 05 49 588 157 80', 0.95],
    ]);
    expect(run(frNirDetector, 'ref 269054958815780.')).toEqual([['FR_NIR', '269054958815780', 0.8]]);
  });

  it('rejects wrong keys and longer numbers', () => {
    expect(run(frNirDetector, 'NIR 2 69 05 49 588 157 81')).toEqual([]);
    expect(run(frNirDetector, 'NIR 2690549588157801')).toEqual([]);
  });
});
