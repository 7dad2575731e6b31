import { describe, expect, it } from 'vitest';
import { fiscalCodeValid, itFiscalCodeDetector } from './it-fiscal-code.js';
import { run } from './test-helpers.js';

describe('fiscalCodeValid (codice fiscale check letter)', () => {
  it('accepts valid codes, including women (day + 40) and omocodia', () => {
    expect(fiscalCodeValid('RSSMRA85T10A562S')).toBe(true);
    expect(fiscalCodeValid('MRTMTT25D09F205Z')).toBe(true);
    expect(fiscalCodeValid('BNCGNN80A41H501X')).toBe(true);
    expect(fiscalCodeValid('RSSMRA85T10A56NH')).toBe(true); // 2 → N
  });

  it('rejects a wrong check letter, month letter or day', () => {
    expect(fiscalCodeValid('RSSMRA85T10A562T')).toBe(false);
    expect(fiscalCodeValid('RSSMRA85F10A562S')).toBe(false);
    expect(fiscalCodeValid('RSSMRA85T35A562S')).toBe(false);
  });
});

describe('itFiscalCodeDetector', () => {
  it('finds valid codes with word edges only', () => {
    expect(run(itFiscalCodeDetector, 'Codice fiscale: RSSMRA85T10A562S.')).toEqual([
      ['IT_FISCAL_CODE', 'RSSMRA85T10A562S', 0.9],
    ]);
    expect(run(itFiscalCodeDetector, 'XRSSMRA85T10A562S rssmra85t10a562s RSSMRA85T10A562T')).toEqual([]);
  });
});
