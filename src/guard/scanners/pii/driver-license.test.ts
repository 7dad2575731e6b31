import { describe, expect, it } from 'vitest';
import { driverLicenseDetector } from './driver-license.js';
import { found, run } from './test-helpers.js';

describe('driverLicenseDetector', () => {
  it('finds US/EU numbers after a licence cue', () => {
    expect(found(driverLicenseDetector, "Driver's license: D1234567")).toEqual(['D1234567']);
    expect(found(driverLicenseDetector, 'DL# S123-456-78-901-0 (FL)')).toEqual(['S123-456-78-901-0']);
    expect(found(driverLicenseDetector, 'Führerschein B072RRE2I55')).toEqual(['B072RRE2I55']);
  });

  it('finds the UK DVLA layout without a cue, validating month and day', () => {
    expect(run(driverLicenseDetector, 'ref MORGA753116SM9IJ ok')).toEqual([
      ['DRIVER_LICENSE', 'MORGA753116SM9IJ', 0.75],
    ]);
    expect(found(driverLicenseDetector, 'ref MORGA713116SM9IJ ok')).toEqual([]); // month 13
    expect(found(driverLicenseDetector, 'ref MORGA750016SM9IJ ok')).toEqual([]); // day 00
  });

  it('needs the cue and enough digits for generic layouts', () => {
    expect(found(driverLicenseDetector, 'employee D1234567')).toEqual([]);
    expect(found(driverLicenseDetector, 'driving licence ABC12')).toEqual([]);
  });
});
