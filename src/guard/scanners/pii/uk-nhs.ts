import type { Span } from '../../types.js';
import { type Detector, HAS_DIGIT, type ScanState } from './detector.js';

/** 10 digits, as 3-3-4 with one separator style (space, dash or none), first in the window after the cue. */
const NUMBER = /(?<![\w-])\d{3}([ -]?)\d{3}\1\d{4}(?![\w-]|[.,]\d)/;

/**
 * NHS number check digit (NHS Data Dictionary): weights 10..2 on the first nine digits, 11 − (sum mod 11); 11 means
 * 0 and 10 means the number is invalid. `digits` is the 10-digit number without separators.
 */
export function nhsNumberValid(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (digits.charCodeAt(i) - 48) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === digits.charCodeAt(9) - 48;
}

/**
 * UK NHS numbers within 40 characters after an `NHS` cue. About 1 random 10-digit number in 11 passes the mod-11
 * check (phone numbers included), so the cue is required.
 */
export const ukNhsDetector: Detector = {
  entities: ['UK_NHS'],
  needs: HAS_DIGIT,
  minDigits: 10,
  detect(text: string, out: Span[], state: ScanState): void {
    for (const cue of state.cues()) {
      if (cue.kind !== 'nhs') continue;
      const m = NUMBER.exec(text.slice(cue.end, cue.end + 40));
      if (!m || !nhsNumberValid(m[0].replace(/[ -]/g, ''))) continue;
      const start = cue.end + m.index;
      out.push({ start, end: start + m[0].length, entity: 'UK_NHS', score: 0.95 });
    }
  },
};
