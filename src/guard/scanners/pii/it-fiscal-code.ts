import type { Span } from '../../types.js';
import { type Detector, HAS_UPPER } from './detector.js';

/**
 * Surname and name letters (6), year (2), month letter, day (2; +40 for women), municipality (letter + 3), check
 * letter. Digits may be replaced by L–V ("omocodia", for people whose codes would collide).
 */
const CANDIDATE = /\b[A-Z]{6}[\dLMNP-V]{2}[ABCDEHLMPRST][\dLMNP-V]{2}[A-Z][\dLMNP-V]{3}[A-Z]\b/g;
/** Values of characters in odd positions (1st, 3rd, …) for 0–9 and A–Z; even positions count 0–9 / A=0…Z=25. */
const ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];
const OMOCODIA = 'LMNPQRSTUV';

function value(c: number, odd: boolean): number {
  const index = c <= 57 ? c - 48 : c - 65;
  return odd ? ODD[index]! : index;
}

/**
 * Italian codice fiscale (DM 23/12/1976): check letter = (odd-position values + even-position values) mod 26, and
 * the day (after undoing omocodia) is 1–31 or 41–71. `code` is 16 upper-case characters.
 */
export function fiscalCodeValid(code: string): boolean {
  if (!/^[A-Z]{6}[\dLMNP-V]{2}[ABCDEHLMPRST][\dLMNP-V]{2}[A-Z][\dLMNP-V]{3}[A-Z]$/.test(code)) return false;
  const digit = (ch: string) => (ch >= '0' && ch <= '9' ? Number(ch) : OMOCODIA.indexOf(ch));
  const day = digit(code[9]!) * 10 + digit(code[10]!);
  if (!((day >= 1 && day <= 31) || (day >= 41 && day <= 71))) return false;
  let sum = 0;
  for (let i = 0; i < 15; i++) sum += value(code.charCodeAt(i), i % 2 === 0);
  return String.fromCharCode(65 + (sum % 26)) === code[15];
}

/** Italian fiscal codes (codice fiscale): 16-character layout + check letter; distinctive enough without a cue. */
export const itFiscalCodeDetector: Detector = {
  entities: ['IT_FISCAL_CODE'],
  needs: HAS_UPPER,
  detect(text: string, out: Span[]): void {
    CANDIDATE.lastIndex = 0;
    for (let m = CANDIDATE.exec(text); m !== null; m = CANDIDATE.exec(text)) {
      if (fiscalCodeValid(m[0])) out.push({ start: m.index, end: m.index + 16, entity: 'IT_FISCAL_CODE', score: 0.9 });
    }
  },
};
