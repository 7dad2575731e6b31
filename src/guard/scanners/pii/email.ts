import type { Span } from '../../types.js';
import { type Detector, HAS_AT } from './detector.js';
import { isAsciiAlnumCode, isAsciiLetterCode } from './text-utils.js';

const DOT = 46;
const HYPHEN = 45;
const MAX_LOCAL = 64;
const MAX_DOMAIN = 253;

/** RFC 5322 "atext" minus the rare symbols: letters, digits and . _ % + - */
function isLocalCode(c: number): boolean {
  return isAsciiAlnumCode(c) || c === DOT || c === 95 || c === 37 || c === 43 || c === HYPHEN;
}

/**
 * E-mail addresses, found from each '@' outwards instead of with one big regex: a regex like `[\w.]+@…` is
 * quadratic on a long run of word characters without '@', this is linear (at most 64 + 253 characters per '@').
 * Validated: local part without leading/trailing/double dots, at least two domain labels, letters-only TLD ≥ 2.
 */
export const emailDetector: Detector = {
  entities: ['EMAIL_ADDRESS'],
  needs: HAS_AT,
  detect(text: string, out: Span[]): void {
    let at = text.indexOf('@');
    while (at !== -1) {
      const end = domainEnd(text, at + 1);
      const start = end > 0 ? localStart(text, at) : -1;
      if (start >= 0) {
        out.push({ start, end, entity: 'EMAIL_ADDRESS', score: 0.95 });
        at = text.indexOf('@', end);
      } else {
        at = text.indexOf('@', at + 1);
      }
    }
  },
};

/** Start of a valid local part ending just before `at`, or -1. */
function localStart(text: string, at: number): number {
  let s = at;
  while (s > 0 && at - s < MAX_LOCAL && isLocalCode(text.charCodeAt(s - 1))) s--;
  // Longer than 64 characters is not a local part (and `s` stopped inside a longer run).
  if (s > 0 && isLocalCode(text.charCodeAt(s - 1))) return -1;
  while (s < at && text.charCodeAt(s) === DOT) s++;
  if (s === at || text.charCodeAt(at - 1) === DOT) return -1;
  for (let i = s + 1; i < at; i++) if (text.charCodeAt(i) === DOT && text.charCodeAt(i - 1) === DOT) return -1;
  return s;
}

/** End (exclusive) of a valid domain starting at `from`, or -1. */
function domainEnd(text: string, from: number): number {
  let i = from;
  let labelStart = from;
  let lastLabelStart = -1;
  let labels = 0;
  const limit = Math.min(text.length, from + MAX_DOMAIN);
  while (i < limit) {
    const c = text.charCodeAt(i);
    if (isAsciiAlnumCode(c) || c === HYPHEN) {
      i++;
    } else if (c === DOT && i > labelStart && i + 1 < limit && isAsciiAlnumCode(text.charCodeAt(i + 1))) {
      labels++;
      lastLabelStart = i + 1;
      i++;
      labelStart = i;
    } else {
      break;
    }
  }
  // Trailing hyphens belong to the sentence, not the domain.
  let end = i;
  while (end > labelStart && text.charCodeAt(end - 1) === HYPHEN) end--;
  if (labels < 1 || end - lastLabelStart < 2 || end - lastLabelStart > 24) return -1;
  for (let k = lastLabelStart; k < end; k++) if (!isAsciiLetterCode(text.charCodeAt(k))) return -1;
  // A domain glued to more word characters (e.g. non-ASCII letters) is not a clean address.
  if (end < text.length && isWordContinuation(text.charCodeAt(end))) return -1;
  return end;
}

function isWordContinuation(c: number): boolean {
  return c === 95 || c > 127;
}
