/**
 * One pass over the text for every cue word that the cue-driven detectors (passport, driving licence, date of birth,
 * NHS number, German tax id) need. A single alternation factored as a trie by first letters scans ~2.5× faster in V8
 * than separate regexes per detector, and runs only on texts with at least four digits.
 */
const CUES =
  /\b(?:p(?:as(?:s(?:port|eport|aport[eo]|\s*(?:no|nr|num)\b\.?)|aporte|zport|poort)|ermis de conduire|atente di guida|rawo jazdy)|reisepass|d(?:riv(?:er'?s?|ers'|ing)\s*(?:licen[cs]e|lic\b\.?|permit)|\.?o\.?b\b\.?|ate\s+(?:of\s+birth|de\s+naissance)|ata\s+di\s+nascita|l\b)|licen[cs]e\s*(?:no\b\.?|number|num\b|#)|f(?:ü|ue)hrerschein|fecha\s+de\s+nacimiento|carn[eé]t de conducir|rijbewijs|b(?:irth\s*date|irthday|orn(?:\s+on)?\b)|ge(?:boren(?:\s+am)?|burtsdatum|boortedatum)|n(?:[ée]e?\s+le|acid[oa]\s+el|at[oa]\s+il|hs(?:\s*(?:number|no\b\.?|#))?)\b|steuer[\s-]?(?:identifikationsnummer|id(?:[\s-]?nr\b\.?|\b)))/gi;

export type CueKind = 'passport' | 'driver-license' | 'birth' | 'nhs' | 'de-tax-id';

export interface CueHit {
  kind: CueKind;
  /** Offset just after the cue: the identifier is looked for from here. */
  end: number;
}

const PASSPORT = /^(?:pas|reisepass)/i;
const DRIVER_LICENSE = /^(?:driv|dl$|licen|f(?:ü|ue)hrer|permis|carn|rijbew|patente|prawo)/i;
const NHS = /^nhs/i;
const DE_TAX_ID = /^steuer/i;

/**
 * Every cue-driven identifier has at least four digits (passport, licence, a full date of birth): a text with fewer
 * skips the cue pass. Linear: `\D*` runs never contain the digit that must follow them.
 */
const NEEDS_DIGITS = /(?:\d\D*){3}\d/;
/** The digit count NEEDS_DIGITS asks for: detectors driven by cues declare it as their `minDigits`. */
export const CUE_MIN_DIGITS = 4;

export function findCues(text: string): CueHit[] {
  return NEEDS_DIGITS.test(text) ? findCueHits(text) : [];
}

/** `findCues` for a caller that already knows the text has CUE_MIN_DIGITS digits (the scanner's pre-filter). */
export function findCueHits(text: string): CueHit[] {
  const hits: CueHit[] = [];
  CUES.lastIndex = 0;
  for (let m = CUES.exec(text); m !== null; m = CUES.exec(text)) {
    const cue = m[0];
    let kind: CueKind;
    if (PASSPORT.test(cue)) kind = 'passport';
    else if (DRIVER_LICENSE.test(cue)) kind = 'driver-license';
    else if (NHS.test(cue)) kind = 'nhs';
    else if (DE_TAX_ID.test(cue)) kind = 'de-tax-id';
    else kind = 'birth';
    hits.push({ kind, end: m.index + cue.length });
  }
  return hits;
}
