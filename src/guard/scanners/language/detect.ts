/**
 * Cheap language identification: letters counted per script (most scripts imply a language), then, for Latin
 * script, a vote of frequent function words and language-specific letters. Microseconds per KB, no model; it names
 * the language of ordinary sentences, not of single words, names or code.
 */
import { words } from '../word-filter/words.js';
import { LATIN_LETTER_HINTS, LATIN_MARKERS } from './latin-languages.js';
import { SCRIPT_LANGUAGE, SCRIPT_WEIGHT, SCRIPTS, scriptIndexOf } from './scripts.js';

export const UNDETERMINED = 'und';

export interface LanguageGuess {
  /** Letters counted (weighted: see SCRIPT_WEIGHT). */
  letters: number;
  /** Share of the letters per language (ISO 639-1), `und` for Latin text whose language the vote could not tell. */
  shares: Record<string, number>;
  /** The named language with the largest share, or `und` when none was named. */
  language: string;
  /** Its share. */
  confidence: number;
}

const MARKER_LANGUAGES = new Map<string, string[]>();
for (const [language, list] of Object.entries(LATIN_MARKERS)) {
  for (const w of new Set(list)) {
    const langs = MARKER_LANGUAGES.get(w) ?? [];
    langs.push(language);
    MARKER_LANGUAGES.set(w, langs);
  }
}

/** Latin text needs this much vote, from this many distinct function words, before it is attributed to a language. */
const MIN_LATIN_VOTE = 1.5;
const MIN_MARKER_WORDS = 2;
/** One-letter function words (Polish `i`, `w`, `z`) are also variable names and initials: they count less. */
const ONE_LETTER_WEIGHT = 0.3;
const LETTER_HINT_WEIGHT = 0.5;

const UKRAINIAN = /[іїєґІЇЄҐ]/;
const PERSIAN = /[پچژگ]/;
const URDU = /[ٹڈڑںے]/;

export function detectLanguage(text: string): LanguageGuess {
  // Counts per script in a flat array (index = SCRIPTS position): this loop runs once per character.
  const counts = new Float64Array(SCRIPTS.length);
  const latinVote = new Map<string, number>();
  let asciiLetters = 0;
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    if (cp < 128) {
      if ((cp >= 97 && cp <= 122) || (cp >= 65 && cp <= 90)) asciiLetters++;
      continue;
    }
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
      cp = text.codePointAt(i)!;
      i++;
    }
    const index = scriptIndexOf(cp);
    if (index < 0) continue;
    const script = SCRIPTS[index]!;
    counts[index] = counts[index]! + (SCRIPT_WEIGHT[script] ?? 1);
    if (script === 'latin') {
      const hint = LATIN_LETTER_HINTS[String.fromCodePoint(cp).toLowerCase()];
      if (hint) for (const l of hint) latinVote.set(l, (latinVote.get(l) ?? 0) + LETTER_HINT_WEIGHT / hint.length);
    }
  }
  counts[0] = counts[0]! + asciiLetters;
  let letters = 0;
  for (const c of counts) letters += c;
  const shares: Record<string, number> = {};
  const add = (language: string, share: number) => {
    if (share > 0) shares[language] = (shares[language] ?? 0) + share;
  };
  if (letters === 0) return { letters: 0, shares, language: UNDETERMINED, confidence: 0 };

  for (let index = 0; index < SCRIPTS.length; index++) {
    const count = counts[index]!;
    if (count === 0) continue;
    const script = SCRIPTS[index]!;
    const share = count / letters;
    if (script === 'latin') {
      const markers = new Set<string>();
      for (const w of words(text)) {
        const langs = MARKER_LANGUAGES.get(w.norm);
        if (!langs) continue;
        if (w.norm.length > 1) markers.add(w.norm);
        const weight = (w.norm.length === 1 ? ONE_LETTER_WEIGHT : 1) / langs.length;
        for (const l of langs) latinVote.set(l, (latinVote.get(l) ?? 0) + weight);
      }
      let total = 0;
      let best = UNDETERMINED;
      let first = 0;
      let second = 0;
      for (const [l, v] of latinVote) {
        total += v;
        if (v > first) [best, first, second] = [l, v, first];
        else if (v > second) second = v;
      }
      if (total < MIN_LATIN_VOTE || markers.size < MIN_MARKER_WORDS) add(UNDETERMINED, share);
      else {
        // Function words are shared between languages (`was`, `de`, `to`): the winner gets the Latin letters in
        // proportion to its lead over the runner-up, the rest stays undetermined. A tie decides nothing.
        const lead = (first - second) / first;
        add(best, share * lead);
        add(UNDETERMINED, share * (1 - lead));
      }
    } else if (script === 'cyrillic') add(UKRAINIAN.test(text) ? 'uk' : 'ru', share);
    else if (script === 'arabic') add(URDU.test(text) ? 'ur' : PERSIAN.test(text) ? 'fa' : 'ar', share);
    else if (script === 'han') add(counts[SCRIPTS.indexOf('kana')]! > 0 ? 'ja' : 'zh', share);
    else add(SCRIPT_LANGUAGE[script] ?? UNDETERMINED, share);
  }
  // The named language with the largest share; `und` only when nothing was named.
  let language = UNDETERMINED;
  let confidence = 0;
  for (const [l, s] of Object.entries(shares)) {
    if (l !== UNDETERMINED && s > confidence) [language, confidence] = [l, s];
  }
  return { letters, shares, language, confidence };
}
