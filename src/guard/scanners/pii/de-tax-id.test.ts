import { describe, expect, it } from 'vitest';
import { deTaxIdDetector, deTaxIdValid } from './de-tax-id.js';
import { run } from './test-helpers.js';

describe('deTaxIdValid (§139b AO structure + ISO 7064 MOD 11,10)', () => {
  it('accepts valid ids (published test ids)', () => {
    for (const id of ['86095742719', '47036892816', '65929970489', '57549285017', '25768131411']) {
      expect(deTaxIdValid(id)).toBe(true);
    }
  });

  it('rejects a wrong check digit and a leading zero', () => {
    expect(deTaxIdValid('86095742718')).toBe(false);
    expect(deTaxIdValid('06095742719')).toBe(false);
  });

  it('applies the digit-repetition rule (check digits below are correct for each body)', () => {
    expect(deTaxIdValid('11234567890')).toBe(true); // one digit twice
    expect(deTaxIdValid('11213456783')).toBe(true); // one digit three times, not in a row
    expect(deTaxIdValid('11123456786')).toBe(false); // three in a row
    expect(deTaxIdValid('12345678903')).toBe(false); // no digit repeated
  });
});

describe('deTaxIdDetector', () => {
  it('finds a valid id after a Steuer-ID cue, compact or grouped', () => {
    expect(run(deTaxIdDetector, 'Steuer-ID: 86 095 742 719')).toEqual([['DE_TAX_ID', '86 095 742 719', 0.95]]);
    expect(run(deTaxIdDetector, 'Steueridentifikationsnummer 86095742719')).toEqual([
      ['DE_TAX_ID', '86095742719', 0.95],
    ]);
    expect(run(deTaxIdDetector, 'Steuer-IdNr. 47036892816')).toEqual([['DE_TAX_ID', '47036892816', 0.95]]);
  });

  it('needs the cue and a valid id', () => {
    expect(run(deTaxIdDetector, 'Bestellung 86095742719')).toEqual([]);
    expect(run(deTaxIdDetector, 'Steuer-ID 86095742718')).toEqual([]);
  });
});
