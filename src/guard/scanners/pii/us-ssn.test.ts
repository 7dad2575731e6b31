import { describe, expect, it } from 'vitest';
import { run } from './test-helpers.js';
import { itinValid, ssnValid, usSsnDetector } from './us-ssn.js';

describe('SSN / ITIN rules', () => {
  it('applies the SSA area/group/serial rules', () => {
    expect(ssnValid('123', '45', '6789')).toBe(true);
    expect(ssnValid('000', '45', '6789')).toBe(false);
    expect(ssnValid('666', '45', '6789')).toBe(false);
    expect(ssnValid('900', '45', '6789')).toBe(false);
    expect(ssnValid('123', '00', '6789')).toBe(false);
    expect(ssnValid('123', '45', '0000')).toBe(false);
    expect(ssnValid('078', '05', '1120')).toBe(false);
  });

  it('applies the IRS ITIN group ranges', () => {
    expect(itinValid('912', '70')).toBe(true);
    expect(itinValid('912', '93')).toBe(false);
    expect(itinValid('912', '49')).toBe(false);
    expect(itinValid('812', '70')).toBe(false);
  });
});

describe('usSsnDetector', () => {
  it('finds dashed SSNs and ITINs with exact spans', () => {
    expect(run(usSsnDetector, 'SSN 123-45-6789; ITIN 912-70-1234.').map(([e, t]) => [e, t])).toEqual([
      ['US_SSN', '123-45-6789'],
      ['US_ITIN', '912-70-1234'],
    ]);
  });

  it('needs a cue for nine bare digits', () => {
    expect(run(usSsnDetector, 'ref 123456789')).toEqual([]);
    expect(run(usSsnDetector, 'my social security number is 123456789').map(([e, t]) => [e, t])).toEqual([
      ['US_SSN', '123456789'],
    ]);
  });

  it('rejects invalid areas, groups, serials and mixed separators', () => {
    for (const text of ['000-12-3456', '666-12-3456', '987-12-3456', '123-00-4567', '123-45-0000', '123-45 6789']) {
      expect(run(usSsnDetector, `SSN ${text}`), text).toEqual([]);
    }
  });

  it('does not match inside longer numbers', () => {
    expect(run(usSsnDetector, 'tracking 1123-45-67890')).toEqual([]);
  });
});
