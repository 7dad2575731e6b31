/**
 * Hashed n-gram features of a normalised text, shared by the training script and the scanner so both see exactly
 * the same features: character n-grams (catch spelling variants, punctuation runs, adversarial suffixes such as
 * `}})steps Dob`) and word unigrams and bigrams (catch phrases: "ignore previous", "developer mode"). Each feature
 * is hashed (FNV-1a, then a murmur3 finaliser) to a signed bucket of a fixed-size weight vector, so the model has no
 * vocabulary to store and unseen words cost nothing.
 *
 * The visitor receives the position of each feature so the classifier can score windows of a long document
 * (an injection hidden in one paragraph) from one pass.
 *
 * Encoded blobs (base64, hex: runs of 24+ word/base64 characters with a digit) produce no features. In the training
 * data only attacks contain them, so their n-grams would teach "any base64 is an attack" and flag every pasted
 * token or file; the decoder layer scores what a blob decodes to instead.
 */

export interface FeatureSpec {
  /** Number of weight buckets, a power of two. */
  dim: number;
  /** Character n-gram lengths, inclusive. */
  charMin: number;
  charMax: number;
  /** Word bigrams in addition to unigrams. */
  wordBigrams: boolean;
}

/** Receives one feature: bucket index, sign (+1/−1) and the text position it belongs to. */
export type FeatureVisitor = (index: number, sign: number, position: number) => void;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const WORD_SEED = 0x5bd1e995;
const BIGRAM_SEED = 0x1b873593;

/** murmur3 fmix32: spreads FNV's weak low bits so `h & (dim − 1)` and the sign bit are independent. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const isWordChar = (c: number) =>
  (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x27 || (c >= 0xc0 && c !== 0xd7 && c !== 0xf7);

const BLOB_MIN = 24;
const isBlobChar = (c: number) =>
  (c >= 0x61 && c <= 0x7a) ||
  (c >= 0x30 && c <= 0x39) ||
  c === 0x2b ||
  c === 0x2f ||
  c === 0x3d ||
  c === 0x5f ||
  c === 0x2d;

let blobEnd = new Int32Array(1024);

/** blobEnd[i] = end of the blob covering position i, or 0 when i is not in a blob. Returns whether any blob exists. */
function markBlobs(text: string): boolean {
  const n = text.length;
  if (blobEnd.length < n) blobEnd = new Int32Array(n * 2);
  let any = false;
  for (let i = 0; i < n; ) {
    if (!isBlobChar(text.charCodeAt(i))) {
      blobEnd[i++] = 0;
      continue;
    }
    let j = i;
    let digit = false;
    while (j < n && isBlobChar(text.charCodeAt(j))) {
      const c = text.charCodeAt(j);
      if (c >= 0x30 && c <= 0x39) digit = true;
      j++;
    }
    const blob = j - i >= BLOB_MIN && digit;
    any ||= blob;
    blobEnd.fill(blob ? j : 0, i, j);
    i = j;
  }
  return any;
}

/** Calls `visit` once per feature of `text`; returns the number of features. */
export function forEachFeature(text: string, spec: FeatureSpec, visit: FeatureVisitor): number {
  const mask = spec.dim - 1;
  const n = text.length;
  const blobs = markBlobs(text);
  let count = 0;
  // Character n-grams, position = first character.
  for (let i = 0; i + spec.charMin <= n; i++) {
    if (blobs && blobEnd[i]! > 0) {
      i = blobEnd[i]! - 1;
      continue;
    }
    let h = FNV_OFFSET;
    const limit = Math.min(spec.charMax, n - i);
    for (let k = 0; k < limit; k++) {
      h = Math.imul(h ^ text.charCodeAt(i + k), FNV_PRIME);
      if (k + 1 >= spec.charMin) {
        const f = fmix(h ^ (k + 1));
        visit(f & mask, f >>> 31 ? -1 : 1, i);
        count++;
      }
    }
  }
  // Words and bigrams, position = last character of the word.
  let prev = 0;
  let hasPrev = false;
  for (let i = 0; i < n; ) {
    if (!isWordChar(text.charCodeAt(i))) {
      i++;
      continue;
    }
    if (blobs && blobEnd[i]! > 0) {
      i = blobEnd[i]!;
      continue;
    }
    let h = WORD_SEED;
    let j = i;
    while (j < n && isWordChar(text.charCodeAt(j))) {
      h = Math.imul(h ^ text.charCodeAt(j), FNV_PRIME);
      j++;
    }
    const word = fmix(h);
    visit(word & mask, word >>> 31 ? -1 : 1, j - 1);
    count++;
    if (spec.wordBigrams && hasPrev) {
      const bigram = fmix(Math.imul(prev ^ BIGRAM_SEED, FNV_PRIME) ^ word);
      visit(bigram & mask, bigram >>> 31 ? -1 : 1, j - 1);
      count++;
    }
    prev = word;
    hasPrev = true;
    i = j;
  }
  return count;
}
