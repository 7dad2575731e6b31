import { type Word, words } from '../word-filter/words.js';
import { ENGLISH_STOPWORDS } from './english.js';
import { stem } from './stem.js';

/** A content word: not a stopword, with its stem (what lexical matching compares). */
export interface Term extends Word {
  stem: string;
}

/** Content words of `text` in order, stopwords and lone characters dropped. */
export function contentTerms(text: string): Term[] {
  return contentTermsOf(words(text));
}

/** The same from words already split (the words gain a `stem` and are returned, not copied). */
export function contentTermsOf(all: readonly Word[]): Term[] {
  const out: Term[] = [];
  for (const w of all) {
    if (ENGLISH_STOPWORDS.has(w.norm)) continue;
    if (w.norm.length < 2 && !isDigit(w.norm.charCodeAt(0))) continue;
    // Reuse the word object (words() made it for us alone) instead of copying it: this runs per word per request.
    const term = w as Term;
    term.stem = stem(w.norm);
    out.push(term);
  }
  return out;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
