/**
 * Verbatim reuse of the system prompt in an output, measured with word n-grams (default 5): any run of n words the
 * output shares with the system prompt, ignoring case and punctuation. The system prompt's n-gram index is built
 * once per distinct prompt and cached, since the same application sends the same system prompt on every request.
 */
import { words } from '../word-filter/words.js';

export interface PromptIndex {
  /** Word count of the system prompt. */
  words: number;
  /** word → small integer id */
  vocabulary: Map<string, number>;
  /** n-gram key → position of its first word in the prompt */
  ngrams: Map<string, number>;
}

export interface Overlap {
  /** Distinct system-prompt words covered by shared n-grams. */
  leakedWords: number;
  promptWords: number;
  /** Output ranges (UTF-16) made of shared n-grams, merged. */
  runs: { start: number; end: number; words: number }[];
}

const CACHE_SIZE = 64;
const cache = new Map<string, PromptIndex>();

function key(ids: readonly number[], from: number, n: number): string {
  let k = '';
  for (let i = from; i < from + n; i++) k += `${ids[i]},`;
  return k;
}

export function indexPrompt(prompt: string, n: number): PromptIndex {
  const cacheKey = `${n}\u0000${prompt}`;
  const hit = cache.get(cacheKey);
  if (hit) {
    // Refresh recency: Map keeps insertion order, so the first key is the least recently used.
    cache.delete(cacheKey);
    cache.set(cacheKey, hit);
    return hit;
  }
  const vocabulary = new Map<string, number>();
  const ids = words(prompt).map((w) => {
    let id = vocabulary.get(w.norm);
    if (id === undefined) {
      id = vocabulary.size;
      vocabulary.set(w.norm, id);
    }
    return id;
  });
  const ngrams = new Map<string, number>();
  for (let i = 0; i + n <= ids.length; i++) {
    const k = key(ids, i, n);
    if (!ngrams.has(k)) ngrams.set(k, i);
  }
  const index = { words: ids.length, vocabulary, ngrams };
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(cacheKey, index);
  return index;
}

export function overlapWithPrompt(output: string, prompt: string, n: number): Overlap {
  const index = indexPrompt(prompt, n);
  const empty: Overlap = { leakedWords: 0, promptWords: index.words, runs: [] };
  if (index.words < n) return empty;
  const found = words(output);
  if (found.length < n) return empty;
  const ids = found.map((w) => index.vocabulary.get(w.norm) ?? -1);
  const coveredOutput = new Uint8Array(found.length);
  const coveredPrompt = new Uint8Array(index.words);
  let leakedWords = 0;
  // `unknown` = index of the last word not in the prompt's vocabulary: no n-gram can span it.
  let unknown = -1;
  for (let i = 0; i < ids.length; i++) {
    if (ids[i]! < 0) unknown = i;
    const first = i - n + 1;
    if (first <= unknown || first < 0) continue;
    const at = index.ngrams.get(key(ids, first, n));
    if (at === undefined) continue;
    for (let k = 0; k < n; k++) {
      coveredOutput[first + k] = 1;
      if (!coveredPrompt[at + k]) {
        coveredPrompt[at + k] = 1;
        leakedWords++;
      }
    }
  }
  const runs: Overlap['runs'] = [];
  for (let i = 0; i < found.length; i++) {
    if (!coveredOutput[i]) continue;
    let j = i;
    while (j + 1 < found.length && coveredOutput[j + 1]) j++;
    runs.push({ start: found[i]!.start, end: found[j]!.end, words: j - i + 1 });
    i = j;
  }
  return { leakedWords, promptWords: index.words, runs };
}
