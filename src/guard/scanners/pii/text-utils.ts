/** Small helpers shared by the detectors: cue words near a span, character classes by code. */

/** True when `cue` matches within `window` characters before `start` (a case-insensitive regex, no /g). */
export function cueBefore(text: string, start: number, cue: RegExp, window = 48): boolean {
  return cue.test(text.slice(Math.max(0, start - window), start));
}

/** True when `cue` matches within `window` characters after `end`. */
export function cueAfter(text: string, end: number, cue: RegExp, window = 32): boolean {
  return cue.test(text.slice(end, end + window));
}

export function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

export function isAsciiLetterCode(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

export function isAsciiAlnumCode(c: number): boolean {
  return isDigitCode(c) || isAsciiLetterCode(c);
}

/** How many ASCII digits a string holds. */
export function countDigits(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

/** The digits of a string, in order (separators dropped). */
export function digitsOf(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) out += s[i];
  }
  return out;
}

/** Clamp a score into 0..1 and round to 2 decimals so verdicts stay readable. */
export function clampScore(x: number): number {
  return Math.round(Math.min(1, Math.max(0, x)) * 100) / 100;
}
