import type { Span } from '../../types.js';
import { tokenAfterCue } from './cue-token.js';
import { CUE_MIN_DIGITS } from './cues.js';
import { type Detector, HAS_DIGIT, type ScanState } from './detector.js';

/**
 * UK DVLA licence number: 5 surname characters (9-padded), decade digit, month (+50 for women), day, year digit,
 * 2 initials (9-padded), a check digit and 2 letters. Distinctive enough to report without a cue. The regex is
 * anchored on the digit block (fast scan); the 5 surname characters before it are checked in code.
 */
const UK_LICENCE_DIGITS = /\d(?:[05][1-9]|[16][0-2])(?:0[1-9]|[12]\d|3[01])\d[A-Z9]{2}\d[A-Z]{2}(?![A-Za-z0-9])/g;
const UK_LICENCE_SURNAME = /^[A-Z9]{5}$/;

/**
 * Any US state / EU layout after a cue: 5–20 characters of letters, digits, '-' or '*' with at least 4 digits
 * (CA "D1234567", NY 9 digits, FL "S123-456-78-901-0", FR 12 digits, DE "B072RRE2I55", IT "U1H123456X").
 */
export function licenseShaped(value: string): boolean {
  if (value.length < 5 || value.length > 20) return false;
  let digits = 0;
  for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) >= 48 && value.charCodeAt(i) <= 57) digits++;
  return digits >= 4;
}

/** Driving licence numbers: UK DVLA layout anywhere; US/EU layouts within 40 characters after a licence cue. */
export const driverLicenseDetector: Detector = {
  entities: ['DRIVER_LICENSE'],
  // The UK layout has 7 digits; the cue pass (findCues) finds nothing in a text with fewer than 4.
  needs: HAS_DIGIT,
  minDigits: CUE_MIN_DIGITS,
  detect(text: string, out: Span[], state: ScanState): void {
    UK_LICENCE_DIGITS.lastIndex = 0;
    for (let m = UK_LICENCE_DIGITS.exec(text); m !== null; m = UK_LICENCE_DIGITS.exec(text)) {
      const start = m.index - 5;
      if (start < 0 || !UK_LICENCE_SURNAME.test(text.slice(start, m.index))) continue;
      if (start > 0 && /[A-Za-z0-9]/.test(text[start - 1]!)) continue;
      out.push({ start, end: m.index + m[0].length, entity: 'DRIVER_LICENSE', score: 0.75 });
    }
    let after = 0;
    for (const cue of state.cues()) {
      if (cue.kind !== 'driver-license' || cue.end < after) continue;
      const token = tokenAfterCue(text, cue.end, 40);
      if (!token || !licenseShaped(token.value)) continue;
      out.push({ start: token.start, end: token.end, entity: 'DRIVER_LICENSE', score: 0.85 });
      after = token.end;
    }
  },
};
