import type { Span } from '../../types.js';
import { type Detector, HAS_DIGIT, type ScanState } from './detector.js';

/** 11 digits, compact or grouped 2-3-3-3 with single spaces, first in the window after the cue. */
const NUMBER = /(?<![\w-])[1-9]\d( ?)\d{3}\1\d{3}\1\d{3}(?![\w-]|[.,]\d)/;

/**
 * German tax identification number (Steuerliche Identifikationsnummer, §139b AO): 11 digits, no leading 0; among
 * the first ten exactly one digit occurs twice or three times (never three times in a row) and the others at most
 * once; the last is an ISO 7064 MOD 11,10 check digit.
 */
export function deTaxIdValid(digits: string): boolean {
  if (!/^[1-9]\d{10}$/.test(digits)) return false;
  const counts = new Array<number>(10).fill(0);
  for (let i = 0; i < 10; i++) counts[digits.charCodeAt(i) - 48]!++;
  const repeated = counts.filter((c) => c > 1);
  if (repeated.length !== 1 || repeated[0]! > 3) return false;
  if (/(\d)\1\1/.test(digits.slice(0, 10))) return false;
  let product = 10;
  for (let i = 0; i < 10; i++) {
    let sum = (digits.charCodeAt(i) - 48 + product) % 10;
    if (sum === 0) sum = 10;
    product = (sum * 2) % 11;
  }
  const check = 11 - product === 10 ? 0 : 11 - product;
  return check === digits.charCodeAt(10) - 48;
}

/**
 * German tax ids within 40 characters after a `Steuer-ID` / `Steueridentifikationsnummer` cue. About 1 random
 * 11-digit number in 250 passes the rules; long digit runs (order numbers, phone numbers) are common enough in
 * prompts that the cue is required.
 */
export const deTaxIdDetector: Detector = {
  entities: ['DE_TAX_ID'],
  needs: HAS_DIGIT,
  minDigits: 11,
  detect(text: string, out: Span[], state: ScanState): void {
    for (const cue of state.cues()) {
      if (cue.kind !== 'de-tax-id') continue;
      const m = NUMBER.exec(text.slice(cue.end, cue.end + 40));
      if (!m || !deTaxIdValid(m[0].replace(/ /g, ''))) continue;
      const start = cue.end + m.index;
      out.push({ start, end: start + m[0].length, entity: 'DE_TAX_ID', score: 0.95 });
    }
  },
};
