import type { Span } from '../../types.js';
import { tokenAfterCue } from './cue-token.js';
import { CUE_MIN_DIGITS } from './cues.js';
import { type Detector, HAS_DIGIT, type ScanState } from './detector.js';

/**
 * Passport number layouts: US (9 digits, or a letter and 8 digits since 2021), UK (9 digits), DE (C/F/G/H/J/K + 8
 * of [0-9CFGHJKLMNPRTVWXYZ]), FR (2 digits, 2 letters, 5 digits), IT/PL/IE/PT (2 letters + 7 digits), ES (3 letters
 * + 6 digits, or 2 + 6), NL (2 letters, 6 alphanumerics, 1 digit), AT/SE/FI/DK/BE (1–2 letters + 6–7 digits).
 */
const FORMATS = [
  /^\d{9}$/,
  /^[A-Z]\d{8}$/,
  /^[CFGHJK][0-9CFGHJKLMNPRTVWXYZ]{8}$/,
  /^\d{2}[A-Z]{2}\d{5}$/,
  /^[A-Z]{2}\d{7}$/,
  /^[A-Z]{2,3}\d{6}$/,
  /^[A-Z]{2}[A-Z0-9]{6}\d$/,
  /^[A-Z]{1,2}\d{6,7}$/,
];

export function passportShaped(value: string): boolean {
  const v = value.toUpperCase();
  return FORMATS.some((f) => f.test(v));
}

/**
 * Passport numbers in a US, UK or EU layout within 40 characters after a "passport" cue (English, German, French,
 * Spanish, Italian, Dutch, Polish, Portuguese): the number alone is too generic to report.
 */
export const passportDetector: Detector = {
  entities: ['PASSPORT'],
  // The cue pass (findCues) finds nothing in a text with fewer digits.
  needs: HAS_DIGIT,
  minDigits: CUE_MIN_DIGITS,
  detect(text: string, out: Span[], state: ScanState): void {
    let after = 0;
    for (const cue of state.cues()) {
      if (cue.kind !== 'passport' || cue.end < after) continue;
      const token = tokenAfterCue(text, cue.end, 40);
      if (!token || !passportShaped(token.value)) continue;
      out.push({ start: token.start, end: token.end, entity: 'PASSPORT', score: 0.85 });
      after = token.end;
    }
  },
};
