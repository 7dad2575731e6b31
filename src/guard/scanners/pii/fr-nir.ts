import type { Span } from '../../types.js';
import { type Detector, HAS_DIGIT } from './detector.js';
import { clampScore, cueBefore } from './text-utils.js';

/**
 * Sex, year, month, département (2A/2B for Corsica), commune, order number, key: "1 85 05 78 006 084 36" or 15
 * characters compact. Groups are separated by one space or nothing.
 */
const CANDIDATE = /(?<![\w-])[1278] ?\d{2} ?\d{2} ?(?:\d{2}|2[AB]) ?\d{3} ?\d{3} ?\d{2}(?![\w-]|[.,]\d)/g;
const CUE = /\b(?:s[ée]curit[ée]\s+sociale|s[ée]cu|nir|insee|carte\s+vitale|social\s+security)\b/i;

/**
 * French social security number (NIR, INSEE): sex 1/2 (7/8 for temporary numbers), month 01–12 or the codes INSEE
 * uses when it is unknown (20, 30–42, 50–99), and key = 97 − (first 13 digits mod 97), with 2A → 19 and 2B → 18.
 * `nir` is the 15 characters without spaces.
 */
export function nirValid(nir: string): boolean {
  const m = /^([1278])(\d{2})(\d{2})(\d{2}|2[AB])(\d{6})(\d{2})$/.exec(nir);
  if (!m) return false;
  const month = Number(m[3]);
  if (!((month >= 1 && month <= 12) || month === 20 || (month >= 30 && month <= 42) || month >= 50)) return false;
  const department = m[4] === '2A' ? '19' : m[4] === '2B' ? '18' : m[4]!;
  const body = Number(m[1]! + m[2]! + m[3]! + department + m[5]!);
  return 97 - (body % 97) === Number(m[6]);
}

/** French NIR (social security numbers): structure + mod-97 key; a cue word raises the score. */
export const frNirDetector: Detector = {
  entities: ['FR_NIR'],
  needs: HAS_DIGIT,
  minDigits: 13,
  detect(text: string, out: Span[]): void {
    CANDIDATE.lastIndex = 0;
    for (let m = CANDIDATE.exec(text); m !== null; m = CANDIDATE.exec(text)) {
      if (!nirValid(m[0].replace(/ /g, ''))) continue;
      const score = clampScore(cueBefore(text, m.index, CUE, 40) ? 0.95 : 0.8);
      out.push({ start: m.index, end: m.index + m[0].length, entity: 'FR_NIR', score });
    }
  },
};
