import { describe, expect, it } from 'vitest';
import { run } from './test-helpers.js';
import { nhsNumberValid, ukNhsDetector } from './uk-nhs.js';

describe('nhsNumberValid (mod 11 check digit)', () => {
  it('accepts valid numbers', () => {
    expect(nhsNumberValid('9434765919')).toBe(true); // NHS Digital's example
    expect(nhsNumberValid('4010232137')).toBe(true);
  });

  it('rejects a wrong check digit, a check value of 10 and bad input', () => {
    expect(nhsNumberValid('9434765918')).toBe(false);
    // Weighted sum 4 × 3 = 12 ≡ 1 (mod 11): the check value would be 10, which no valid number has.
    for (let d = 0; d <= 9; d++) expect(nhsNumberValid(`000000040${d}`)).toBe(false);
    expect(nhsNumberValid('943476591')).toBe(false);
    expect(nhsNumberValid('943476591x')).toBe(false);
  });
});

describe('ukNhsDetector', () => {
  it('finds a valid number after an NHS cue, spaced, dashed or compact', () => {
    expect(run(ukNhsDetector, 'NHS number: 943 476 5919.')).toEqual([['UK_NHS', '943 476 5919', 0.95]]);
    expect(run(ukNhsDetector, 'NHS No. 943-476-5919')).toEqual([['UK_NHS', '943-476-5919', 0.95]]);
    expect(run(ukNhsDetector, 'my nhs 9434765919')).toEqual([['UK_NHS', '9434765919', 0.95]]);
  });

  it('needs the cue and the check digit', () => {
    expect(run(ukNhsDetector, 'call 943 476 5919')).toEqual([]);
    expect(run(ukNhsDetector, 'NHS number 943 476 5918')).toEqual([]);
    expect(run(ukNhsDetector, 'NHS number 943 476-5919')).toEqual([]);
  });
});
