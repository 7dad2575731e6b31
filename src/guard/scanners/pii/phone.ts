import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { Span } from '../../types.js';
import { type Detector, HAS_DIGIT, MIN_SPAN_SCORE, type ScanState } from './detector.js';
import { clampScore, countDigits, cueBefore, digitsOf } from './text-utils.js';

/**
 * A digit run with phone punctuation, not glued to a word or a longer number. Bounded and without nested repetition,
 * so the regex is linear; libphonenumber (full "max" metadata) then decides on each candidate.
 */
const CANDIDATE = /(?<![\w.\-/+])(?:\+|\(\d)?\d[\d ().\-\u00a0]{5,22}\d\)?(?![\w\-/]|[.,]\d)/g;
const DOUBLE_SEPARATOR = /[ .\-\u00a0]{2}|\.\s|\s\./;
const DATE_LIKE = /^\d{4}[-.]\d{1,2}[-.]\d{1,2}$|^\d{1,2}[-.]\d{1,2}[-.]\d{2,4}$/;
const DOTTED_QUAD = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const DECIMAL = /^\d+\.\d+$/;
const CUE = /\b(?:phone|tel|telephone|call|mobile|cell|fax|whatsapp|sms|text me|contact|reach me|dial|ring)\b/i;
const ANTI_CUE = /\b(?:order|invoice|account|acct|tracking|ref|reference|isbn|serial|id|no\.|part|sku|ticket)\W*$/i;

/** NANP countries share +1: their national numbers are 10 digits, NXX-NXX-XXXX, optionally with a leading 1. */
const NANP = new Set<CountryCode>(['US', 'CA', 'PR', 'GU', 'VI', 'AS', 'MP', 'AG', 'BS', 'BB', 'JM', 'TT', 'DO']);

export const phoneDetector: Detector = {
  entities: ['PHONE_NUMBER'],
  needs: HAS_DIGIT,
  // isPhone wants 7..15 digits.
  minDigits: 7,
  detect(text: string, out: Span[], state: ScanState): void {
    CANDIDATE.lastIndex = 0;
    for (let m = CANDIDATE.exec(text); m !== null; m = CANDIDATE.exec(text)) {
      const start = m.index;
      let candidate = m[0];
      // "(call 415-555-2671)": the closing parenthesis belongs to the sentence.
      if (candidate.endsWith(')') && candidate.indexOf('(') === -1) candidate = candidate.slice(0, -1);
      // A number followed by another number ("555-0100 2 times"): retry without the last space-separated groups.
      for (let tries = 0; tries < 3; tries++) {
        if (isPhone(candidate, state.settings.defaultRegion)) {
          const score = phoneScore(text, start, candidate);
          if (score >= MIN_SPAN_SCORE) {
            out.push({ start, end: start + candidate.length, entity: 'PHONE_NUMBER', score });
          }
          break;
        }
        const cut = candidate.lastIndexOf(' ');
        if (cut < 7) break;
        candidate = candidate.slice(0, cut).replace(/[ .\-(]+$/, '');
      }
    }
  },
};

function isPhone(candidate: string, region: CountryCode): boolean {
  const count = countDigits(candidate);
  if (count < 7 || count > 15) return false;
  const international = candidate.charCodeAt(0) === 43; // '+'
  const nanp = !international && NANP.has(region);
  // Cheapest test first (all of them must pass): most digit runs in prose are not NANP-shaped.
  if (nanp && !nanpShaped(candidate, count)) return false;
  if (DOUBLE_SEPARATOR.test(candidate) || !balancedParens(candidate) || singleDigitGroups(candidate) > 2) return false;
  if (DATE_LIKE.test(candidate) || DOTTED_QUAD.test(candidate) || DECIMAL.test(candidate)) return false;
  if (international) return parsePhoneNumberFromString(candidate)?.isValid() === true;
  if (!nanp) return parsePhoneNumberFromString(candidate, region)?.isValid() === true;
  return nanpValid(digitsOf(candidate), region);
}

/**
 * libphonenumber's NANP validity is decided by the area code and exchange (NPA-NXX, the first 6 digits; checked on
 * 30,000 random NPA-NXX × 4 line numbers: 1 disagreed). Its answer is remembered per region + NPA-NXX so repeated
 * exchanges cost a map lookup instead of a parse. Bounded: cleared when full.
 */
const nanpCache = new Map<string, boolean>();
const NANP_CACHE_MAX = 20_000;

function nanpValid(digits: string, region: CountryCode): boolean {
  const national = digits.length === 11 ? digits.slice(1) : digits;
  const key = region + national.slice(0, 6);
  let valid = nanpCache.get(key);
  if (valid === undefined) {
    valid = parsePhoneNumberFromString(national, region)?.isValid() === true;
    if (nanpCache.size >= NANP_CACHE_MAX) nanpCache.clear();
    nanpCache.set(key, valid);
  }
  return valid;
}

/** 10 digits NXX-NXX-XXXX (N = 2..9), or 11 with a leading 1; read in place, `count` being the digit count. */
function nanpShaped(candidate: string, count: number): boolean {
  let skip = count === 11 ? 1 : count === 10 ? 0 : -1;
  if (skip === -1) return false;
  let seen = 0;
  for (let i = 0; i < candidate.length; i++) {
    const c = candidate.charCodeAt(i);
    if (c < 48 || c > 57) continue;
    if (skip === 1) {
      if (c !== 49) return false; // the leading digit of 11 must be the country code 1
      skip = 0;
      continue;
    }
    if ((seen === 0 || seen === 3) && c < 50) return false;
    if (++seen > 3) return true;
  }
  return false;
}

/** Characters that split a candidate into digit groups. */
function isGroupSeparator(c: number): boolean {
  return c === 32 || c === 46 || c === 45 || c === 40 || c === 41 || c === 0xa0 || c === 43;
}

/** "0 0 7 3 4 5 7" (a digit grid, a puzzle) is not a phone number: real layouts have at most a 1-digit trunk/country code. */
function singleDigitGroups(s: string): number {
  let singles = 0;
  let run = 0;
  for (let i = 0; i <= s.length; i++) {
    if (i === s.length || isGroupSeparator(s.charCodeAt(i))) {
      if (run === 1) singles++;
      run = 0;
    } else {
      run++;
    }
  }
  return singles;
}

function balancedParens(s: string): boolean {
  const open = s.indexOf('(');
  const close = s.indexOf(')');
  if (open === -1 && close === -1) return true;
  return open !== -1 && close > open && s.indexOf('(', open + 1) === -1 && s.indexOf(')', close + 1) === -1;
}

function phoneScore(text: string, start: number, candidate: string): number {
  let score = 0.6;
  if (/[\s().\-+]/.test(candidate)) score += 0.15;
  if (cueBefore(text, start, CUE, 40)) score += 0.2;
  else if (cueBefore(text, start, ANTI_CUE, 24)) score -= 0.25;
  return clampScore(score);
}
