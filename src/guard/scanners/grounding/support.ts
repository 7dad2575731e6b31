/**
 * Lexical support of a claim by retrieved context: the weighted share of a sentence's content words (stemmed,
 * stopwords removed) that also appear in the context. Numbers weigh 3 (a wrong figure is the costliest
 * hallucination) and name-like words (capitalised mid-sentence, acronyms) weigh 2, so "revenue grew 12%" against a
 * context saying 9% is mostly unsupported even though "revenue" and "grew" match.
 */
import { contentTerms, type Term } from '../denied-topics/terms.js';

export interface ContextIndex {
  stems: ReadonlySet<string>;
}

const WEIGHT_NUMBER = 3;
const WEIGHT_NAME = 2;
const WEIGHT_WORD = 1;

const byArray = new WeakMap<readonly string[], ContextIndex>();

/** Index of the request's context documents, built once per context array. */
export function indexContext(context: readonly string[]): ContextIndex {
  const cached = byArray.get(context);
  if (cached) return cached;
  const stems = new Set<string>();
  for (const doc of context) for (const t of contentTerms(doc)) stems.add(t.stem);
  const index = { stems };
  byArray.set(context, index);
  return index;
}

function isUpper(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return c >= 65 && c <= 90;
  const ch = text[i]!;
  return ch !== ch.toLowerCase();
}

function weightOf(term: Term, text: string, sentenceStart: number): number {
  if (/\d/.test(term.norm)) return WEIGHT_NUMBER;
  if (term.start > sentenceStart && isUpper(text, term.start)) return WEIGHT_NAME;
  return WEIGHT_WORD;
}

export interface SentenceSupport {
  /** Content words in the sentence. */
  words: number;
  /** 0..1 weighted share of them found in the context. */
  support: number;
}

/** Support of the content terms `terms` (one sentence of `text`, starting at `sentenceStart`). */
export function supportOf(
  terms: readonly Term[],
  text: string,
  sentenceStart: number,
  index: ContextIndex,
): SentenceSupport {
  let total = 0;
  let found = 0;
  for (const t of terms) {
    const w = weightOf(t, text, sentenceStart);
    total += w;
    if (index.stems.has(t.stem)) found += w;
  }
  return { words: terms.length, support: total === 0 ? 1 : found / total };
}
