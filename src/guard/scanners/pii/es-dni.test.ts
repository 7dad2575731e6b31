import { describe, expect, it } from 'vitest';
import { esDniDetector, spanishIdValid } from './es-dni.js';
import { run } from './test-helpers.js';

describe('spanishIdValid (control letter, number mod 23)', () => {
  it('accepts valid DNI and NIE numbers', () => {
    expect(spanishIdValid('12345678Z')).toBe(true);
    expect(spanishIdValid('X1234567L')).toBe(true);
    expect(spanishIdValid('Z1234567R')).toBe(true);
  });

  it('rejects wrong letters and lengths', () => {
    expect(spanishIdValid('12345678A')).toBe(false);
    expect(spanishIdValid('X1234567T')).toBe(false);
    expect(spanishIdValid('X12345678Z')).toBe(false);
    expect(spanishIdValid('1234567L')).toBe(false);
  });
});

describe('esDniDetector', () => {
  it('finds DNI and NIE numbers with exact spans; a cue raises the score', () => {
    expect(run(esDniDetector, 'DNI: 12345678Z, NIE X-1234567-L')).toEqual([
      ['ES_DNI', '12345678Z', 0.95],
      ['ES_NIE', 'X-1234567-L', 0.95],
    ]);
    expect(run(esDniDetector, 'ref 12345678-z.')).toEqual([['ES_DNI', '12345678-z', 0.8]]);
  });

  it('takes a letter after a space only in upper case', () => {
    // 12345667 mod 23 = 3, whose control letter is A.
    expect(run(esDniDetector, 'DNI 12345667 A')).toEqual([['ES_DNI', '12345667 A', 0.95]]);
    expect(run(esDniDetector, 'she earns 12345667 a year')).toEqual([]);
    expect(run(esDniDetector, 'DNI 12345667a')).toEqual([['ES_DNI', '12345667a', 0.95]]);
  });

  it('rejects wrong letters, longer numbers and glued text', () => {
    expect(run(esDniDetector, 'DNI 12345678A')).toEqual([]);
    expect(run(esDniDetector, 'id 123456789Z, AX1234567L, 12345678Zb')).toEqual([]);
  });
});
