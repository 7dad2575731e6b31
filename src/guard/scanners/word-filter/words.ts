/**
 * Word tokens with their UTF-16 offsets, shared by the lexical scanners (word filter, denied topics, grounding,
 * system-prompt overlap, language). One pass over the text, ASCII on a fast path: these run on every request.
 *
 * A word is a run of letters, digits and combining marks. Inside a word we also keep: apostrophes between letters
 * (`isn't`), `,`/`.` between digits (`1,000.50`), and invisible joiners (soft hyphen, zero-width space/joiners,
 * word joiner) that people insert to slip a word past filters.
 */

export interface Word {
  /** UTF-16 offset of the first code unit (inclusive). */
  start: number;
  /** UTF-16 offset after the last code unit (exclusive). */
  end: number;
  /** Lower-cased, NFKC-normalised, joiners removed, `’` → `'`, digit grouping commas removed. */
  norm: string;
}

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/uy;
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;

/** Length (0, 1 or 2 code units) of the word character at `i`, or 0 when it is not one. */
function wordCharLength(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) ? 1 : 0;
  WORD_CHAR.lastIndex = i;
  return WORD_CHAR.test(text) ? WORD_CHAR.lastIndex - i : 0;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isInvisible(c: number): boolean {
  return c === 0xad || (c >= 0x200b && c <= 0x200d) || c === 0x2060 || c === 0xfeff;
}

function isUpperAscii(c: number): boolean {
  return c >= 65 && c <= 90;
}

function isApostrophe(c: number): boolean {
  return c === 39 || c === 0x2019;
}

/** Normalises one raw word as described on `Word.norm`. */
export function normalizeWord(raw: string): string {
  let ascii = true;
  for (let i = 0; i < raw.length; i++) {
    if (raw.charCodeAt(i) >= 128) {
      ascii = false;
      break;
    }
  }
  let w = ascii ? raw.toLowerCase() : raw.replace(INVISIBLE, '').normalize('NFKC').toLowerCase().replace(/’/g, "'");
  if (w.includes(',')) w = w.replace(/,/g, '');
  return w;
}

/** Strips accents (`café` → `cafe`): used where evasion by diacritics matters more than the distinction. */
export function foldDiacritics(word: string): string {
  for (let i = 0; i < word.length; i++) {
    if (word.charCodeAt(i) >= 128) return word.normalize('NFD').replace(/\p{M}+/gu, '');
  }
  return word;
}

/** Splits `text` into words; never throws, linear in the text length. */
export function words(text: string): Word[] {
  const out: Word[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    let len = wordCharLength(text, i);
    if (len === 0) {
      i++;
      continue;
    }
    const start = i;
    // Plain = ASCII letters and digits only: its normal form is the lower-cased slice, or the slice itself when it
    // has no capitals (most words). Skipping toLowerCase matters: on strings V8 stores two bytes per character it is
    // far slower than the slice.
    let plain = text.charCodeAt(i) < 128;
    let upper = isUpperAscii(text.charCodeAt(i));
    i += len;
    while (i < n) {
      const c = text.charCodeAt(i);
      len = wordCharLength(text, i);
      if (len > 0) {
        if (c >= 128) plain = false;
        else if (isUpperAscii(c)) upper = true;
        i += len;
        continue;
      }
      const next = i + 1 < n ? wordCharLength(text, i + 1) : 0;
      if (next === 0) break;
      const prev = text.charCodeAt(i - 1);
      const joins =
        isInvisible(c) ||
        (isApostrophe(c) && !isDigit(prev) && !isDigit(text.charCodeAt(i + 1))) ||
        ((c === 44 || c === 46) && isDigit(prev) && isDigit(text.charCodeAt(i + 1)));
      if (!joins) break;
      if (c !== 39 && c !== 46) plain = false;
      i += 1 + next;
    }
    const raw = text.slice(start, i);
    const norm = !plain ? normalizeWord(raw) : upper ? raw.toLowerCase() : raw;
    out.push({ start, end: i, norm });
  }
  return out;
}
