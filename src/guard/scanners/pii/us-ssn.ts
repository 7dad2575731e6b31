import type { Span } from '../../types.js';
import { type Detector, HAS_DIGIT, MIN_SPAN_SCORE } from './detector.js';
import type { PiiEntity } from './entities.js';
import { clampScore, cueBefore } from './text-utils.js';

/** 3-2-4 digits with the same separator (dash, space or none) twice, not inside a longer number or word. */
const CANDIDATE = /(?<![\w\-.])(\d{3})([- ]?)(\d{2})\2(\d{4})(?![\w-]|[.,]\d)/g;
const SSN_CUE = /\b(?:ssn|ss#|social security|social sec|ssa)\b/i;
const ITIN_CUE = /\b(?:itin|taxpayer|tax id|tax identification|tin)\b/i;

/** Numbers the SSA has voided after they were printed (Woolworth wallet card, a 1940s advert). */
const VOIDED = new Set(['078051120', '219099999']);

/**
 * SSA rules since 2011 randomisation: area not 000, 666 or 900–999; group not 00; serial not 0000.
 */
export function ssnValid(area: string, group: string, serial: string): boolean {
  if (area === '000' || area === '666' || area[0] === '9') return false;
  if (group === '00' || serial === '0000') return false;
  return !VOIDED.has(area + group + serial) && !/^(\d)\1{8}$/.test(area + group + serial);
}

/** IRS ITIN: 9XX-GG-XXXX with group 50–65, 70–88, 90–92 or 94–99. */
export function itinValid(area: string, group: string): boolean {
  if (area[0] !== '9') return false;
  const g = Number(group);
  return (g >= 50 && g <= 65) || (g >= 70 && g <= 88) || (g >= 90 && g <= 92) || (g >= 94 && g <= 99);
}

/**
 * US Social Security and Individual Taxpayer Identification numbers. Dashed form alone is enough; space-separated is
 * weaker; nine bare digits are reported only after a cue word ("SSN", "social security", "ITIN", "tax id").
 */
export const usSsnDetector: Detector = {
  entities: ['US_SSN', 'US_ITIN'],
  needs: HAS_DIGIT,
  minDigits: 9,
  detect(text: string, out: Span[]): void {
    CANDIDATE.lastIndex = 0;
    for (let m = CANDIDATE.exec(text); m !== null; m = CANDIDATE.exec(text)) {
      const [, area = '', sep, group = '', serial = ''] = m;
      let entity: PiiEntity;
      if (ssnValid(area, group, serial)) entity = 'US_SSN';
      else if (itinValid(area, group) && serial !== '0000') entity = 'US_ITIN';
      else continue;
      const cue = cueBefore(text, m.index, entity === 'US_SSN' ? SSN_CUE : ITIN_CUE, 40);
      const base = sep === '-' ? 0.85 : sep === ' ' ? 0.6 : 0.3;
      const score = clampScore(cue ? base + 0.5 : base);
      if (score >= MIN_SPAN_SCORE) out.push({ start: m.index, end: m.index + m[0].length, entity, score });
    }
  },
};
