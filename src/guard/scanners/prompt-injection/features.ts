/**
 * Hashed n-gram features of a normalised text, shared by the training script and the scanner so both see exactly
 * the same features: character n-grams (catch spelling variants, punctuation runs, adversarial suffixes such as
 * `}})steps Dob`) and word unigrams and bigrams (catch phrases: "ignore previous", "developer mode"). Each feature
 * is hashed over the char codes in place (FNV-1a or a rolling polynomial hash, then a murmur3 finaliser) to a
 * signed bucket of a fixed-size weight vector, so the model has no vocabulary to store, unseen words cost nothing
 * and no substring is built. Encoded blobs are boundaries: no char n-gram spans into one.
 *
 * Features are written into a reusable buffer (bucket, sign and text position per feature) rather than passed to
 * a callback: the scanner's hot loop then reads two flat arrays, and the buffer is allocated once per process.
 * The position lets the classifier score windows of a long document (an injection hidden in one paragraph).
 *
 * Encoded blobs (base64, hex: runs of 24+ word/base64 characters with a digit) produce no features. In the training
 * data only attacks contain them, so their n-grams would teach "any base64 is an attack" and flag every pasted
 * token or file; the decoder layer scores what a blob decodes to instead.
 */

import { CharCodes } from './char-codes.js';

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
/** Base of the rolling polynomial hash of char n-grams (odd, so multiplication is invertible mod 2^32). */
const ROLL_BASE = 0x01000193;

/** murmur3 fmix32: spreads the weak low bits of FNV and polynomial hashes so bucket and sign bit are independent. */
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

// Character classes, by char code below 128: word characters and base64/hex blob characters.
const WORD = 1;
const BLOB = 2;
const CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[a-z0-9']/.test(ch)) CLASS[c]! |= WORD;
  if (/[a-z0-9+/=_-]/.test(ch)) CLASS[c]! |= BLOB;
}
/** Word characters: a–z, digits, apostrophe, and letters beyond ASCII (× and ÷ excepted). */
const isWordChar = (c: number) => (c < 128 ? (CLASS[c]! & WORD) !== 0 : c >= 0xc0 && c !== 0xd7 && c !== 0xf7);
const isBlobChar = (c: number) => c < 128 && (CLASS[c]! & BLOB) !== 0;
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

const BLOB_MIN = 24;

/** The current text's char codes (see char-codes.ts); reused, since scans are synchronous. */
const scratch = new CharCodes();
/** Blob ranges of the current text as [start, end) pairs; reused, since scans are synchronous. */
let blobs = new Int32Array(64);

/** Finds encoded blobs; returns the number of ranges written to `blobs`. */
function findBlobs(text: Uint16Array, n: number): number {
  let count = 0;
  for (let i = 0; i < n; ) {
    if (!isBlobChar(text[i]!)) {
      i++;
      continue;
    }
    let j = i;
    let digit = false;
    for (; j < n; j++) {
      const c = text[j]!;
      if (!isBlobChar(c)) break;
      if (isDigit(c)) digit = true;
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
 * Char n-grams of text[from, to), each positioned at its first character. One length (the prompt head's 4-grams):
 * a polynomial hash rolls over the text, one multiply to add the next character and one to drop the character
 * leaving the n-gram. Several lengths (the document head's 3–5-grams): from each start, one FNV-1a chain yields the
 * 3-, 4- and 5-gram in turn. Either way no substring is built and each n-gram costs a few multiplies.
 */
function charGrams(text: Uint16Array, from: number, to: number, spec: FeatureSpec, out: FeatureBuffer, count: number) {
  const { charMin, charMax } = spec;
  const mask = spec.dim - 1;
  const codes = out.codes;
  const positions = out.positions;
  if (charMin === charMax) {
    const size = charMin;
    let power = 1; // ROLL_BASE^(size − 1): the weight of the character that leaves the n-gram
    for (let k = 1; k < size; k++) power = Math.imul(power, ROLL_BASE);
    let h = 0;
    for (let i = from; i < to; i++) {
      if (i - size >= from) h = (h - Math.imul(text[i - size]!, power)) | 0;
      h = (Math.imul(h, ROLL_BASE) + text[i]!) | 0;
      if (i - from + 1 >= size) {
        codes[count] = code(fmix(h ^ size), mask);
        positions[count++] = i - size + 1;
      }
    }
    return count;
  }
  for (let i = from; i + charMin <= to; i++) {
    let h = FNV_OFFSET;
    const limit = Math.min(charMax, to - i);
    for (let k = 0; k < limit; k++) {
      h = Math.imul(h ^ text[i + k]!, FNV_PRIME);
      if (k + 1 >= charMin) {
        codes[count] = code(fmix(h ^ (k + 1)), mask);
        positions[count++] = i;
      }
    }
  }
  return count;
}

/**
 * Writes every feature of `text` into `out`: char n-grams (positioned at their first character; none spans into an
 * encoded blob), then words and bigrams (positioned at the word's last character). Returns the number of features.
 */
export function extractFeatures(input: string, spec: FeatureSpec, out: FeatureBuffer): number {
  const mask = spec.dim - 1;
  const n = input.length;
  out.ensure(maxFeatures(n, spec));
  const text = scratch.of(input);
  const blobCount = findBlobs(text, n);

  // Character n-grams within each stretch between blobs.
  let count = 0;
  let from = 0;
  for (let b = 0; b < blobCount; b++) {
    count = charGrams(text, from, blobs[2 * b]!, spec, out, count);
    from = blobs[2 * b + 1]!;
  }
  count = charGrams(text, from, n, spec, out, count);

  // Words and bigrams; a word that starts inside a blob is skipped with the blob.
  const codes = out.codes;
  const positions = out.positions;
  let b = 0;
  let nextBlob = blobCount > 0 ? blobs[0]! : n;
  let prev = 0;
  let hasPrev = false;
  for (let i = 0; i < n; ) {
    if (i >= nextBlob) {
      const blobEnd = blobs[2 * b + 1]!;
      b++;
      nextBlob = b < blobCount ? blobs[2 * b]! : n;
      if (i < blobEnd) {
        i = blobEnd;
        continue;
      }
    }
    if (!isWordChar(text[i]!)) {
      i++;
      continue;
    }
    let h = WORD_SEED;
    let j = i;
    for (; j < n; j++) {
      const c = text[j]!;
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
