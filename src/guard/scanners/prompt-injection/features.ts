/**
 * Hashed n-gram features of a normalised text, shared by the training script and the scanner so both see exactly
 * the same features: character n-grams (catch spelling variants, punctuation runs, adversarial suffixes such as
 * `}})steps Dob`) and word unigrams and bigrams (catch phrases: "ignore previous", "developer mode"). Each feature
 * is hashed over the char codes in place (FNV-1a, then a murmur3 finaliser) to a signed bucket of a fixed-size
 * weight vector, so the model has no vocabulary to store, unseen words cost nothing and no substring is built.
 *
 * Features are written into a reusable buffer (bucket, sign and text position per feature) rather than passed to
 * a callback: the scanner's hot loop then reads two flat arrays, and the buffer is allocated once per process.
 * The position lets the classifier score windows of a long document (an injection hidden in one paragraph).
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

/**
 * Reusable output of `extractFeatures`. `codes[k]` = bucket × 2 + (1 when the feature's sign is −1);
 * `positions[k]` = text position the feature belongs to. Grown on demand, never shrunk.
 */
export class FeatureBuffer {
  codes = new Int32Array(8192);
  positions = new Int32Array(8192);

  ensure(capacity: number): void {
    if (this.codes.length >= capacity) return;
    this.codes = new Int32Array(capacity * 2);
    this.positions = new Int32Array(capacity * 2);
  }
}

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

/** Bucket × 2 + sign bit of a finalised hash. */
const code = (f: number, mask: number) => ((f & mask) << 1) | (f >>> 31);

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

/** Blob ranges of the current text as [start, end) pairs; reused, since scans are synchronous. */
let blobs = new Int32Array(64);

/** Finds encoded blobs; returns the number of ranges written to `blobs`. */
function findBlobs(text: string): number {
  const n = text.length;
  let count = 0;
  for (let i = 0; i < n; ) {
    if (!isBlobChar(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i;
    let digit = false;
    for (; j < n; j++) {
      const c = text.charCodeAt(j);
      if (!isBlobChar(c)) break;
      if (c >= 0x30 && c <= 0x39) digit = true;
    }
    if (j - i >= BLOB_MIN && digit) {
      if (blobs.length < 2 * count + 2) {
        const grown = new Int32Array(blobs.length * 2);
        grown.set(blobs);
        blobs = grown;
      }
      blobs[2 * count] = i;
      blobs[2 * count + 1] = j;
      count++;
    }
    i = j;
  }
  return count;
}

/** Upper bound on the features of a text of length n (char n-grams per position + words and bigrams). */
export const maxFeatures = (n: number, spec: FeatureSpec) => n * (spec.charMax - spec.charMin + 1) + n + 2;

/**
 * Writes every feature of `text` into `out` (char n-grams first, positioned at their first character, then words
 * and bigrams, positioned at the word's last character). Returns the number of features.
 */
export function extractFeatures(text: string, spec: FeatureSpec, out: FeatureBuffer): number {
  const mask = spec.dim - 1;
  const n = text.length;
  out.ensure(maxFeatures(n, spec));
  const codes = out.codes;
  const positions = out.positions;
  const blobCount = findBlobs(text);
  const { charMin, charMax } = spec;
  let count = 0;

  // Character n-grams. `nextBlob` is the start of the next blob to skip (n when none is left).
  let b = 0;
  let nextBlob = blobCount > 0 ? blobs[0]! : n;
  for (let i = 0; i + charMin <= n; i++) {
    if (i === nextBlob) {
      i = blobs[2 * b + 1]! - 1;
      b++;
      nextBlob = b < blobCount ? blobs[2 * b]! : n;
      continue;
    }
    let h = FNV_OFFSET;
    const limit = charMax < n - i ? charMax : n - i;
    for (let k = 0; k < limit; k++) {
      h = Math.imul(h ^ text.charCodeAt(i + k), FNV_PRIME);
      if (k + 1 >= charMin) {
        codes[count] = code(fmix(h ^ (k + 1)), mask);
        positions[count++] = i;
      }
    }
  }

  // Words and bigrams.
  b = 0;
  nextBlob = blobCount > 0 ? blobs[0]! : n;
  let prev = 0;
  let hasPrev = false;
  for (let i = 0; i < n; ) {
    if (i >= nextBlob) {
      // Inside or past a blob: a word starting in it is skipped up to the blob's end.
      const blobEnd = blobs[2 * b + 1]!;
      b++;
      nextBlob = b < blobCount ? blobs[2 * b]! : n;
      if (i < blobEnd) {
        i = blobEnd;
        continue;
      }
    }
    if (!isWordChar(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let h = WORD_SEED;
    let j = i;
    for (; j < n; j++) {
      const c = text.charCodeAt(j);
      if (!isWordChar(c)) break;
      h = Math.imul(h ^ c, FNV_PRIME);
    }
    const word = fmix(h);
    codes[count] = code(word, mask);
    positions[count++] = j - 1;
    if (spec.wordBigrams && hasPrev) {
      codes[count] = code(fmix(Math.imul(prev ^ BIGRAM_SEED, FNV_PRIME) ^ word), mask);
      positions[count++] = j - 1;
    }
    prev = word;
    hasPrev = true;
    i = j;
  }
  return count;
}
