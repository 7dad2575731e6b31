import { describe, expect, it } from 'vitest';
import { dateOfBirthDetector, validDate } from './date-of-birth.js';
import { found } from './test-helpers.js';

describe('dateOfBirthDetector', () => {
  it('finds dates right after a birth cue, in numeric and written forms', () => {
    expect(found(dateOfBirthDetector, 'DOB: 03/14/1985, member since 2010')).toEqual(['03/14/1985']);
    expect(found(dateOfBirthDetector, 'Date of birth 1985-03-14')).toEqual(['1985-03-14']);
    expect(found(dateOfBirthDetector, 'She was born on the 3rd of March 1985.')).toEqual(['3rd of March 1985']);
    expect(found(dateOfBirthDetector, 'birthday: March 3, 1985')).toEqual(['March 3, 1985']);
    expect(found(dateOfBirthDetector, 'geboren am 14.03.1985')).toEqual(['14.03.1985']);
  });

  it('ignores dates without a cue and impossible dates', () => {
    expect(found(dateOfBirthDetector, 'The meeting is on 03/14/1985.')).toEqual([]);
    expect(found(dateOfBirthDetector, 'DOB: 02/30/1985')).toEqual([]);
    expect(found(dateOfBirthDetector, 'DOB: 13/13/1985')).toEqual([]);
    expect(found(dateOfBirthDetector, 'born 3/14/2999')).toEqual([]);
    expect(validDate(2024, 2, 29)).toBe(true);
    expect(validDate(2023, 2, 29)).toBe(false);
  });
});
