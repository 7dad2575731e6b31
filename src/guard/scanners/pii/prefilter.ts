import { HAS_AT, HAS_DIGIT, HAS_UPPER } from './detector.js';

const DIGIT = /\d/;
const UPPER = /[A-Z]/;

/**
 * Which trigger characters the text has. Every structured entity needs a digit or an '@', so a prose prompt
 * without either skips them all after two native scans (a few microseconds per KB).
 */
export function triggersOf(text: string, wanted: number): number {
  let flags = 0;
  if (DIGIT.test(text)) flags |= HAS_DIGIT;
  if (text.indexOf('@') !== -1) flags |= HAS_AT;
  // Only the opt-in PERSON/LOCATION model needs capitals; skip the pass otherwise.
  if (wanted & HAS_UPPER && UPPER.test(text)) flags |= HAS_UPPER;
  return flags;
}
