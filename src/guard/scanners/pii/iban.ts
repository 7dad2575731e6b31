import type { Span } from '../../types.js';
import { type Detector, HAS_DIGIT } from './detector.js';
import { isAsciiAlnumCode } from './text-utils.js';

/** IBAN length per country (SWIFT IBAN registry), as `CCnn` pairs. */
const IBAN_LENGTH_TABLE =
  'AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BI27 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DJ27 DK18 DO28 ' +
  'EE20 EG29 ES24 FI18 FK18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HN28 HR21 HU28 IE22 IL23 IQ23 IS26 ' +
  'IT27 JO30 KW30 KZ20 LB28 LC32 LI21 LT20 LU20 LV21 LY25 MC27 MD24 ME22 MK19 MN20 MR27 MT31 MU30 NI28 ' +
  'NL18 NO15 OM23 PK24 PL28 PS29 PT25 QA29 RO24 RS22 RU33 SA24 SC31 SD18 SE24 SI19 SK24 SM27 SO23 ST25 ' +
  'SV28 TL23 TN24 TR26 UA29 VA22 VG24 XK20 YE30';

export const IBAN_LENGTHS: ReadonlyMap<string, number> = new Map(
  IBAN_LENGTH_TABLE.split(' ').map((pair) => [pair.slice(0, 2), Number(pair.slice(2))]),
);

/** Country letters + check digits at a word start; the body is then walked by the country's exact length. */
const START = /\b[A-Za-z]{2}\d{2}(?= ?[A-Za-z0-9])/g;

/** ISO 7064 MOD 97-10 over an upper-case IBAN without spaces: rotate 4, letters → 10..35, remainder must be 1. */
export function ibanChecksumValid(iban: string): boolean {
  const rotated = iban.slice(4) + iban.slice(0, 4);
  let rem = 0;
  for (let i = 0; i < rotated.length; i++) {
    const c = rotated.charCodeAt(i);
    if (c >= 48 && c <= 57) rem = (rem * 10 + (c - 48)) % 97;
    else if (c >= 65 && c <= 90) rem = (rem * 100 + (c - 55)) % 97;
    else return false;
  }
  return rem === 1;
}

/** IBANs, compact or in groups separated by single spaces: registered country, exact length, MOD 97 checksum. */
export const ibanDetector: Detector = {
  entities: ['IBAN'],
  needs: HAS_DIGIT,
  detect(text: string, out: Span[]): void {
    START.lastIndex = 0;
    for (let m = START.exec(text); m !== null; m = START.exec(text)) {
      const start = m.index;
      const length = IBAN_LENGTHS.get(m[0].slice(0, 2).toUpperCase());
      if (length === undefined) continue;
      const end = walk(text, start, length);
      if (end === -1) continue;
      const compact = text.slice(start, end).replace(/ /g, '').toUpperCase();
      if (!ibanChecksumValid(compact)) continue;
      out.push({ start, end, entity: 'IBAN', score: 0.95 });
      START.lastIndex = end;
    }
  },
};

/** End of exactly `length` alphanumerics from `start` (single spaces allowed between them), ending at a word edge. */
function walk(text: string, start: number, length: number): number {
  let count = 0;
  let i = start;
  while (i < text.length && count < length) {
    const c = text.charCodeAt(i);
    if (isAsciiAlnumCode(c)) {
      count++;
      i++;
    } else if (c === 32 && count > 0 && i + 1 < text.length && isAsciiAlnumCode(text.charCodeAt(i + 1))) {
      i++;
    } else {
      return -1;
    }
  }
  if (count < length) return -1;
  return i < text.length && (isAsciiAlnumCode(text.charCodeAt(i)) || text.charCodeAt(i) === 95) ? -1 : i;
}
