import type { Span } from '../../types.js';
import { CUE_MIN_DIGITS } from './cues.js';
import { type Detector, HAS_DIGIT, type ScanState } from './detector.js';

const MONTHS =
  'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
/**
 * Numeric (ISO, D/M/Y or M/D/Y) or written ("3 March 1985", "March 3rd, 1985") dates, anchored at the window start
 * after the cue's punctuation and filler ("DOB: ", "born on the ").
 */
const DATE = new RegExp(
  '^(?<lead>[\\s:=,\\-–(]*(?:(?:on|am|le|el|il)\\s+)?(?:the\\s+)?)(?:' +
    '(?<isoY>\\d{4})[-/.](?<isoM>\\d{1,2})[-/.](?<isoD>\\d{1,2})' +
    '|(?<a>\\d{1,2})[-/.](?<b>\\d{1,2})[-/.](?<y>\\d{4}|\\d{2})' +
    `|(?<dD>\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?<dM>${MONTHS})\\.?,?\\s+(?<dY>\\d{4})` +
    `|(?<mM>${MONTHS})\\.?\\s+(?<mD>\\d{1,2})(?:st|nd|rd|th)?,?\\s+(?<mY>\\d{4})` +
    ')(?![\\w])',
  'i',
);

const MONTH_INDEX: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

function monthOf(name: string): number {
  return MONTH_INDEX[name.slice(0, 3).toLowerCase()] ?? 0;
}

export function validDate(year: number, month: number, day: number, now = new Date()): boolean {
  if (month < 1 || month > 12 || day < 1 || year < 1900 || year > now.getUTCFullYear()) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function fullYear(y: string): number {
  const n = Number(y);
  return y.length === 4 ? n : n + 1900 < new Date().getUTCFullYear() - 100 ? n + 2000 : n + 1900;
}

/** Whether the regex groups describe a real date; D/M/Y vs M/D/Y is ambiguous, either reading may hold. */
function groupsValid(g: Record<string, string | undefined>): boolean {
  if (g.isoY) return validDate(Number(g.isoY), Number(g.isoM), Number(g.isoD));
  if (g.y) {
    const year = fullYear(g.y);
    return validDate(year, Number(g.b), Number(g.a)) || validDate(year, Number(g.a), Number(g.b));
  }
  if (g.dY) return validDate(Number(g.dY), monthOf(g.dM!), Number(g.dD));
  return validDate(Number(g.mY), monthOf(g.mM!), Number(g.mD));
}

/** Dates of birth: a valid calendar date (1900..this year) within a few characters after a birth cue. */
export const dateOfBirthDetector: Detector = {
  entities: ['DATE_OF_BIRTH'],
  // The cue pass (findCues) finds nothing in a text with fewer digits.
  needs: HAS_DIGIT,
  minDigits: CUE_MIN_DIGITS,
  detect(text: string, out: Span[], state: ScanState): void {
    for (const cue of state.cues()) {
      if (cue.kind !== 'birth') continue;
      const window = text.slice(cue.end, cue.end + 40);
      const d = DATE.exec(window);
      if (!d?.groups || !groupsValid(d.groups)) continue;
      const start = cue.end + (d.groups.lead?.length ?? 0);
      out.push({ start, end: cue.end + d[0].length, entity: 'DATE_OF_BIRTH', score: 0.9 });
    }
  },
};
