import type { Detector } from './detector.js';
import { HAS_AT, HAS_DIGIT, HAS_UPPER } from './detector.js';

const UPPER = /[A-Z]/;

/**
 * Which trigger characters the text has. Every structured entity needs a digit or an '@', so a prose prompt
 * without either skips them all after two native scans (a few microseconds per KB). `digits` is the text's
 * `digitLevel`.
 */
export function triggersOf(text: string, wanted: number, digits: number): number {
  let flags = 0;
  if (digits > 0) flags |= HAS_DIGIT;
  if (text.indexOf('@') !== -1) flags |= HAS_AT;
  // Only the opt-in PERSON/LOCATION model needs capitals; skip the pass otherwise.
  if (wanted & HAS_UPPER && UPPER.test(text)) flags |= HAS_UPPER;
  return flags;
}

/**
 * Digit counts the pre-filter tells apart. A detector needing `minDigits` waits for the largest level not above it
 * (a weaker but still exact test), so a text costs at most five short regex calls however many detectors there are.
 */
const DIGIT_LEVELS = [1, 4, 7, 9, 13] as const;

/** The digit level a detector waits for: 0 (none) or the largest DIGIT_LEVELS entry ≤ its `minDigits`. */
export function digitLevelOf(d: Detector): number {
  const min = d.minDigits ?? (d.needs & HAS_DIGIT ? 1 : 0);
  let level = 0;
  for (const l of DIGIT_LEVELS) if (l <= min) level = l;
  return level;
}

/** One step of `digitLevel`: the level, and a regex that finds that many more digits from its lastIndex. */
export interface DigitStep {
  level: number;
  more: RegExp;
}

/**
 * The steps for the levels these detectors wait for (ascending, each > 0). Each regex searches for its first digit
 * (V8's fast forward scan) and then reads the rest in place; linear, as a `\D*` run never holds the digit that must
 * follow it. The regexes are per scanner, so scanners never share a lastIndex.
 */
export function digitStepsOf(detectors: readonly Detector[]): DigitStep[] {
  const levels = [...new Set(detectors.map(digitLevelOf).filter((l) => l > 0))].sort((a, b) => a - b);
  return levels.map((level, i) => {
    const k = level - (i === 0 ? 0 : levels[i - 1]!);
    return { level, more: new RegExp(k === 1 ? '\\d' : `\\d(?:\\D*\\d){${k - 1}}`, 'g') };
  });
}

/**
 * The largest step level that the number of ASCII digits in the text reaches, or 0. Each step goes on from where the
 * previous one stopped, so the text is read once, up to the last level's digit. A card number needs 13 digits, an
 * SSN 9, a phone number 7: a prompt with a year and a price skips those detectors' whole-text scans.
 */
export function digitLevel(text: string, steps: readonly DigitStep[]): number {
  let reached = 0;
  let from = 0;
  for (const step of steps) {
    step.more.lastIndex = from;
    if (!step.more.test(text)) break;
    from = step.more.lastIndex;
    reached = step.level;
  }
  return reached;
}
