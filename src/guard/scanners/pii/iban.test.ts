import { describe, expect, it } from 'vitest';
import { ibanChecksumValid, ibanDetector } from './iban.js';
import { found } from './test-helpers.js';

describe('ibanDetector', () => {
  it('finds spaced and compact IBANs with exact spans', () => {
    const text = 'Pay DE89 3704 0044 0532 0130 00 or GB29NWBK60161331926819, or fr14 2004 1010 0505 0001 3m02 606.';
    expect(found(ibanDetector, text)).toEqual([
      'DE89 3704 0044 0532 0130 00',
      'GB29NWBK60161331926819',
      'fr14 2004 1010 0505 0001 3m02 606',
    ]);
  });

  it('stops at the country length even when capitals follow', () => {
    expect(found(ibanDetector, 'IBAN: NL91 ABNA 0417 1643 00 BIC ABNANL2A')).toEqual(['NL91 ABNA 0417 1643 00']);
  });

  it('rejects a wrong checksum, wrong length or unknown country', () => {
    expect(ibanChecksumValid('DE89370400440532013000')).toBe(true);
    expect(ibanChecksumValid('DE88370400440532013000')).toBe(false);
    for (const text of [
      'DE88 3704 0044 0532 0130 00', // checksum
      'DE89 3704 0044 0532 0130 0', // one short
      'DE89 3704 0044 0532 0130 001', // one long
      'QQ89 3704 0044 0532 0130 00', // no such country
    ]) {
      expect(found(ibanDetector, text), text).toEqual([]);
    }
  });
});
