import type { Span } from '../../types.js';
import { type Detector, HAS_DIGIT } from './detector.js';
import { clampScore, cueBefore, isAsciiAlnumCode, isDigitCode } from './text-utils.js';

/**
 * Seven digits and the control letter: the last 7 digits of a DNI (8 digits) or of a NIE (X, Y or Z, optional dash,
 * 7 digits). The letter is glued, after a dash, or upper case after a space (a lower-case word after a number, as in
 * "12345667 a year", is prose). Anchored on the digits, which V8 scans for fast; what precedes them is checked in code.
 */
const SEVEN_DIGITS_AND_LETTER = /\d{7}(?:-?[A-Za-z]| [A-Z])(?![\w-])/g;
const CUE = /\b(?:dni|nie|nif|documento|identidad|extranjero)\b/i;
const CONTROL_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';
const NIE_LETTERS = 'XYZxyz';

/**
 * Spanish DNI / NIE control letter (Ministerio del Interior): the number mod 23 indexes TRWAGMYFPDXBNJZSQVHLCKE; for
 * a NIE the leading X, Y, Z count as 0, 1, 2. `id` is upper-case without separators ("12345678Z", "X1234567L").
 */
export function spanishIdValid(id: string): boolean {
  const m = /^([XYZ]?)(\d{7,8})([A-Z])$/.exec(id);
  if (!m || m[1]!.length + m[2]!.length !== 8) return false;
  const prefix = m[1] ? String('XYZ'.indexOf(m[1])) : '';
  const number = Number(prefix + m[2]!) % 23;
  return CONTROL_LETTERS[number] === m[3];
}

/** Spanish DNI (ES_DNI) and NIE (ES_NIE) numbers: format + control letter; a cue word raises the score. */
export const esDniDetector: Detector = {
  entities: ['ES_DNI', 'ES_NIE'],
  needs: HAS_DIGIT,
  minDigits: 7,
  detect(text: string, out: Span[]): void {
    SEVEN_DIGITS_AND_LETTER.lastIndex = 0;
    for (let m = SEVEN_DIGITS_AND_LETTER.exec(text); m !== null; m = SEVEN_DIGITS_AND_LETTER.exec(text)) {
      const start = idStart(text, m.index);
      if (start === -1) continue;
      const end = m.index + m[0].length;
      const nie = !isDigitCode(text.charCodeAt(start));
      const id = text.slice(start, end).replace(/[- ]/g, '').toUpperCase();
      if (!spanishIdValid(id)) continue;
      const score = clampScore(cueBefore(text, start, CUE, 40) ? 0.95 : 0.8);
      out.push({ start, end, entity: nie ? 'ES_NIE' : 'ES_DNI', score });
    }
  },
};

/**
 * Start of the DNI or NIE whose last 7 digits begin at `digits`, or -1: one more digit (DNI) or X/Y/Z with an
 * optional dash (NIE), not glued to a word, a dash or a longer number.
 */
function idStart(text: string, digits: number): number {
  let start = digits - 1;
  if (start < 0) return -1;
  if (!isDigitCode(text.charCodeAt(start))) {
    if (text.charCodeAt(start) === 45) start--; // NIE "X-1234567-L"
    if (start < 0 || !NIE_LETTERS.includes(text[start]!)) return -1;
  }
  const c = text.charCodeAt(start - 1);
  return start > 0 && (isAsciiAlnumCode(c) || c === 95 || c === 45 || c > 127) ? -1 : start;
}
