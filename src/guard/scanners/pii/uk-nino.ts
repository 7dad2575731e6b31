import type { Span } from '../../types.js';
import { type Detector, HAS_DIGIT } from './detector.js';
import { clampScore, cueBefore } from './text-utils.js';

/** Two prefix letters, three pairs of digits, suffix A–D; spaces between the parts optional ("QQ 12 34 56 C"). */
const CANDIDATE = /\b([A-Z]{2}) ?(\d{2}) ?(\d{2}) ?(\d{2}) ?([A-D])\b/g;
const CUE = /\b(?:national\s+insurance|nino|ni\s*(?:no\b|number|#))/i;
/** HMRC: never allocated as a prefix (BG, GB, KN, NK, NT, TN, ZZ are administrative or reserved). */
const UNUSED_PREFIXES = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']);
const NOT_FIRST = 'DFIQUV';
const NOT_SECOND = 'DFIOQUV';

/**
 * UK National Insurance number prefix rules (HMRC NIM39110): D, F, I, Q, U and V are used in neither letter, O not
 * as the second, and BG, GB, KN, NK, NT, TN, ZZ are not allocated. There is no check digit.
 */
export function ninoPrefixValid(prefix: string): boolean {
  if (prefix.length !== 2 || UNUSED_PREFIXES.has(prefix)) return false;
  return !NOT_FIRST.includes(prefix[0]!) && !NOT_SECOND.includes(prefix[1]!);
}

/** UK National Insurance numbers: format + prefix rules; a cue word raises the score. */
export const ukNinoDetector: Detector = {
  entities: ['UK_NINO'],
  needs: HAS_DIGIT,
  minDigits: 6,
  detect(text: string, out: Span[]): void {
    CANDIDATE.lastIndex = 0;
    for (let m = CANDIDATE.exec(text); m !== null; m = CANDIDATE.exec(text)) {
      if (!ninoPrefixValid(m[1]!)) continue;
      const score = clampScore(cueBefore(text, m.index, CUE, 40) ? 0.95 : 0.8);
      out.push({ start: m.index, end: m.index + m[0].length, entity: 'UK_NINO', score });
    }
  },
};
