import { describe, expect, it } from 'vitest';
import { passportDetector, passportShaped } from './passport.js';
import { found } from './test-helpers.js';

describe('passportDetector', () => {
  it('finds US, UK and EU layouts after a passport cue', () => {
    expect(found(passportDetector, 'US passport number: 123456789.')).toEqual(['123456789']);
    expect(found(passportDetector, 'Passport No. A12345678 issued 2021')).toEqual(['A12345678']);
    expect(found(passportDetector, 'Reisepass C01X00T47')).toEqual(['C01X00T47']);
    expect(found(passportDetector, 'numéro de passeport 12AB34567')).toEqual(['12AB34567']);
    expect(found(passportDetector, 'passaporto YA1234567')).toEqual(['YA1234567']);
  });

  it('needs the cue', () => {
    expect(found(passportDetector, 'ticket 123456789 and code A12345678')).toEqual([]);
  });

  it('rejects tokens in no known layout', () => {
    expect(passportShaped('12345')).toBe(false);
    expect(passportShaped('1234567890')).toBe(false);
    expect(found(passportDetector, 'passport 12-34')).toEqual([]);
  });
});
