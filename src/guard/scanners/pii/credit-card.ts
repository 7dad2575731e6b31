import type { Span } from '../../types.js';
import { type Detector, HAS_DIGIT, MIN_SPAN_SCORE } from './detector.js';
import { clampScore, countDigits, cueBefore } from './text-utils.js';

/**
 * 13–19 digits in one run, or a 4-digit group followed by 2–5 more groups separated by one space or hyphen; not
 * glued to a word or a longer number. Groups are maximal (a separator must follow), so the regex cannot backtrack
 * into a group: linear time. Short digit runs (prices, years) fail at the first group.
 */
const CANDIDATE = /(?<![\w\-.])(?:\d{13,19}|\d{4}(?:[ -]\d{1,6}){2,5})(?![\w]|[.,]\d)/g;
const CUE =
  /\b(?:card|credit|debit|visa|mastercard|master card|amex|american express|discover|jcb|diners|cc|ccn|pan|payment|pay with)\b/i;

export type CardBrand = 'visa' | 'mastercard' | 'amex' | 'discover' | 'jcb' | 'diners' | 'unionpay' | 'maestro' | 'mir';

/** Luhn (mod 10) checksum over a digit string. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** Card brand from the issuer identification number (BIN/IIN ranges) and length, or undefined. */
export function cardBrand(digits: string): CardBrand | undefined {
  const n = digits.length;
  const p2 = Number(digits.slice(0, 2));
  const p3 = Number(digits.slice(0, 3));
  const p4 = Number(digits.slice(0, 4));
  const p6 = Number(digits.slice(0, 6));
  if (digits[0] === '4') return n === 13 || n === 16 || n === 19 ? 'visa' : undefined;
  if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) return n === 16 ? 'mastercard' : undefined;
  if (p2 === 34 || p2 === 37) return n === 15 ? 'amex' : undefined;
  if (p4 >= 2200 && p4 <= 2204) return n >= 16 && n <= 19 ? 'mir' : undefined;
  if (p4 === 6011 || (p3 >= 644 && p3 <= 649) || p2 === 65 || (p6 >= 622126 && p6 <= 622925)) {
    return n >= 16 && n <= 19 ? 'discover' : undefined;
  }
  if (p4 >= 3528 && p4 <= 3589) return n >= 16 && n <= 19 ? 'jcb' : undefined;
  if ((p3 >= 300 && p3 <= 305) || p3 === 309 || p2 === 36 || p2 === 38 || p2 === 39) {
    return n >= 14 && n <= 19 ? 'diners' : undefined;
  }
  if (p2 === 62) return n >= 16 && n <= 19 ? 'unionpay' : undefined;
  if ([5018, 5020, 5038, 5893, 6304, 6759, 6761, 6762, 6763].includes(p4)) {
    return n >= 13 && n <= 19 ? 'maestro' : undefined;
  }
  return undefined;
}

/** Group layouts cards are printed in: 4-4-4-4(-3), 4-4-4-1 (old Visa), 4-6-5 (Amex), 4-6-4 (Diners). */
function plausibleGrouping(lengths: readonly number[]): boolean {
  if (lengths.length === 1) return true;
  if (lengths.length === 3 && lengths[0] === 4 && lengths[1] === 6 && (lengths[2] === 5 || lengths[2] === 4)) {
    return true;
  }
  for (let i = 0; i < lengths.length - 1; i++) if (lengths[i] !== 4) return false;
  const last = lengths[lengths.length - 1]!;
  return last >= 1 && last <= 4;
}

/** Payment card numbers: 13–19 digits, Luhn-valid, with a known brand's BIN range and length. */
export const creditCardDetector: Detector = {
  entities: ['CREDIT_CARD'],
  needs: HAS_DIGIT,
  minDigits: 13,
  detect(text: string, out: Span[]): void {
    CANDIDATE.lastIndex = 0;
    for (let m = CANDIDATE.exec(text); m !== null; m = CANDIDATE.exec(text)) {
      const found = bestCardIn(m[0]);
      if (!found) continue;
      const start = m.index + found.start;
      const cue = cueBefore(text, start, CUE, 40);
      // A Luhn-valid number of no known brand is only reported when the sentence talks about a card.
      const score = found.brand ? (cue ? 1 : 0.9) : cue ? 0.7 : 0.3;
      if (score >= MIN_SPAN_SCORE) {
        out.push({ start, end: m.index + found.end, entity: 'CREDIT_CARD', score: clampScore(score) });
      }
    }
  },
};

interface CardMatch {
  start: number;
  end: number;
  brand: CardBrand | undefined;
}

/**
 * The longest run of consecutive groups (leftmost first) that is a card number; "Order 12 4111 1111 1111 1111"
 * yields the last four groups. At most 6 groups, so at most 21 runs are tried; Luhn runs on char codes in place and
 * a digit string is only built for the rare run that passes it.
 */
function bestCardIn(candidate: string): CardMatch | undefined {
  // Grouped candidates can be short ("2019 12 31"): no run of them can reach 13 digits.
  if (countDigits(candidate) < 13) return undefined;
  const starts: number[] = [];
  const ends: number[] = [];
  for (let i = 0; i < candidate.length; ) {
    let j = i;
    while (j < candidate.length && candidate.charCodeAt(j) >= 48 && candidate.charCodeAt(j) <= 57) j++;
    starts.push(i);
    ends.push(j);
    i = j + 1;
  }
  let best: CardMatch | undefined;
  let bestLen = 0;
  const lengths: number[] = [];
  for (let a = 0; a < starts.length; a++) {
    let count = 0;
    lengths.length = 0;
    for (let b = a; b < starts.length; b++) {
      count += ends[b]! - starts[b]!;
      lengths.push(ends[b]! - starts[b]!);
      if (count > 19) break;
      if (count < 13 || count <= bestLen) continue;
      if (!plausibleGrouping(lengths) || !luhnValidIn(candidate, starts[a]!, ends[b]!)) continue;
      const brand = cardBrand(candidate.slice(starts[a]!, ends[b]!).replace(/[ -]/g, ''));
      if (!brand && best?.brand) continue;
      best = { start: starts[a]!, end: ends[b]!, brand };
      bestLen = count;
    }
  }
  return best;
}

/** Luhn over the digits of s[from, to), skipping separators. */
function luhnValidIn(s: string, from: number, to: number): boolean {
  let sum = 0;
  let double = false;
  for (let i = to - 1; i >= from; i--) {
    let d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) continue;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}
