/**
 * A word list looked up by a hash of each word's char codes. Gates that ask "does this text contain any of these
 * 200 words?" would otherwise run one large regex alternation (`\b(?:ignore|prompt|…)\b`) over every request; this
 * scans the text once, hashes each word in place (no substring) and probes a small open-addressing table.
 *
 * Words are runs of `[A-Za-z0-9_]`, the characters of the regex `\w`, so a hit here is exactly a `\b…\b` match
 * there. Distinct words whose hash and length both collide would report a false hit; gates only use a hit to decide
 * whether to run the precise pattern, so that costs time, never a wrong verdict.
 */

import { CharCodes } from './char-codes.js';

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

// 1 = word character (`\w`), by char code below 128.
const WORD_CHAR = new Uint8Array(128);
for (let c = 0; c < 128; c++) WORD_CHAR[c] = /\w/.test(String.fromCharCode(c)) ? 1 : 0;
const isWordChar = (c: number) => c < 128 && WORD_CHAR[c] === 1;
/** A–Z → a–z; everything else unchanged. */
const lower = (c: number) => (c >= 0x41 && c <= 0x5a ? c | 0x20 : c);

/** The scanned text's char codes (see char-codes.ts); reused, since scans are synchronous. */
const scratch = new CharCodes();

function hashWord(word: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), FNV_PRIME);
  return h;
}

export class WordSet {
  private readonly hashes: Int32Array;
  private readonly lengths: Int32Array;
  /** Value + 1 per slot (0 = empty). */
  private readonly values: Int32Array;
  private readonly mask: number;

  /**
   * @param entries lower-case words made of `\w` characters, each with a non-negative value returned on a hit
   * @param foldCase match upper-case letters in the text as lower case (the words themselves are lower case)
   */
  constructor(
    entries: Iterable<readonly [string, number]>,
    private readonly foldCase = false,
  ) {
    const list = [...entries];
    for (const [word] of list) {
      if (!/^\w+$/.test(word) || word !== word.toLowerCase())
        throw new Error(`WordSet: not a lower-case word: ${word}`);
    }
    let size = 16;
    while (size < list.length * 4) size *= 2;
    this.hashes = new Int32Array(size);
    this.lengths = new Int32Array(size);
    this.values = new Int32Array(size);
    this.mask = size - 1;
    for (const [word, value] of list) {
      const h = hashWord(word);
      let slot = h & this.mask;
      while (this.values[slot] !== 0 && !(this.hashes[slot] === h && this.lengths[slot] === word.length)) {
        slot = (slot + 1) & this.mask;
      }
      this.hashes[slot] = h;
      this.lengths[slot] = word.length;
      this.values[slot] = value + 1;
    }
  }

  /**
   * Calls `onHit(value, start, end)` for each word of `text` in the set, in order; stops early when it returns
   * true. Returns whether it stopped early.
   */
  scan(input: string, onHit: (value: number, start: number, end: number) => boolean | undefined): boolean {
    const n = input.length;
    const text = scratch.of(input);
    const fold = this.foldCase;
    for (let i = 0; i < n; ) {
      if (!isWordChar(text[i]!)) {
        i++;
        continue;
      }
      let h = FNV_OFFSET;
      let j = i;
      for (; j < n; j++) {
        const c = text[j]!;
        if (!isWordChar(c)) break;
        h = Math.imul(h ^ (fold ? lower(c) : c), FNV_PRIME);
      }
      const value = this.lookup(h, j - i);
      if (value >= 0 && onHit(value, i, j)) return true;
      i = j;
    }
    return false;
  }

  private lookup(h: number, length: number): number {
    let slot = h & this.mask;
    for (;;) {
      const v = this.values[slot]!;
      if (v === 0) return -1;
      if (this.hashes[slot] === h && this.lengths[slot] === length) return v - 1;
      slot = (slot + 1) & this.mask;
    }
  }
}
