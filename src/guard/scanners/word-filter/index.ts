import { z } from 'zod';
import type { Scanner, ScannerFactory, ScanResult, Span } from '../../types.js';
import { PhraseMatcher } from './phrase-matcher.js';
import { PROFANITY } from './profanity.js';
import { foldDiacritics, words } from './words.js';

export const MANAGED_WORD_LISTS = ['profanity'] as const;

const WordFilterOptions = z
  .strictObject({
    /** Words and phrases to find, matched case-insensitively on whole words (`ass` does not match `class`). */
    words: z.array(z.string().trim().min(1, 'empty word')).default([]),
    /** Built-in lists: `profanity` (Steward's own short English list, see profanity.ts). */
    managedLists: z.array(z.enum(MANAGED_WORD_LISTS)).default([]),
    /** Match `café` for `cafe` and the reverse (on by default: accents are a cheap way around a filter). */
    foldDiacritics: z.boolean().default(true),
    /** Match `sh1t` for `shit`: digits inside a word read as the letters they look like. */
    foldLeet: z.boolean().default(true),
  })
  .refine((o) => o.words.length > 0 || o.managedLists.length > 0, {
    message: 'list words, managedLists or both',
  });
type WordFilterOptions = z.infer<typeof WordFilterOptions>;

const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '8': 'b', '9': 'g' };

/** Digits read as letters, only in words that mix both (so `2025` and `42` stay numbers). */
function foldLeetWord(word: string): string {
  if (!/\d/.test(word) || !/\p{L}/u.test(word)) return word;
  return word.replace(/[01345789]/g, (d) => LEET[d]!);
}

const NOTHING: ScanResult = { score: 0, spans: [] };

/**
 * Bedrock Guardrails' word filters: exact words and phrases (custom ones → `DENIED_WORD`, managed lists →
 * `PROFANITY`). Matching is per word after Unicode normalisation (NFKC, lower case, invisible joiners removed), so
 * `ＢＡＤ`, `b\u200Bad` and `BAD` all match `bad`; punctuation between the words of a phrase is ignored.
 */
export const wordFilterScanner: ScannerFactory<WordFilterOptions> = {
  name: 'word_filter',
  description: 'Exact words and phrases (case-insensitive, whole words, Unicode-normalised) and a profanity list.',
  owasp: ['LLM05', 'LLM09'],
  directions: ['input', 'output'],
  defaultAction: 'block',
  defaultThreshold: 0.5,
  options: WordFilterOptions,
  create(options): Scanner {
    const fold = (w: string) => {
      let out = options.foldDiacritics ? foldDiacritics(w) : w;
      if (options.foldLeet) out = foldLeetWord(out);
      return out;
    };
    const matcher = new PhraseMatcher<string>();
    const add = (phrase: string, entity: string) => {
      const tokens = words(phrase).map((w) => fold(w.norm));
      if (tokens.length > 0) matcher.add(tokens, entity);
    };
    for (const w of options.words) add(w, 'DENIED_WORD');
    if (options.managedLists.includes('profanity')) for (const w of PROFANITY) add(w, 'PROFANITY');

    return {
      name: 'word_filter',
      scan(text) {
        const found = words(text);
        if (found.length === 0) return NOTHING;
        const tokens = found.map((w) => fold(w.norm));
        const matches = matcher.matchAll(tokens);
        if (matches.length === 0) return NOTHING;
        const spans: Span[] = matches.map((m) => ({
          start: found[m.first]!.start,
          end: found[m.last]!.end,
          entity: m.payload,
          score: 1,
        }));
        return { score: 1, spans, details: { matches: spans.length } };
      },
    };
  },
};
