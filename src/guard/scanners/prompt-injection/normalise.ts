/**
 * Folds the obfuscations attackers use to slip past keyword and n-gram detectors, so heuristics and the classifier
 * read one canonical lower-case form: NFKC compatibility forms (𝐢𝐠𝐧𝐨𝐫𝐞, ｉｇｎｏｒｅ, ⓘ), diacritics and combining
 * marks (ïgnörë, Zalgo), invisible characters (zero-width, bidi controls, variation selectors), Unicode tag
 * characters (invisible "ASCII smuggling", decoded to the ASCII they hide), homoglyphs (Cyrillic `іgnоrе`),
 * leetspeak inside words (1gn0r3) and runs of whitespace.
 *
 * The hot path is string-level (one regex replace over non-ASCII characters only, `toLowerCase`, whitespace
 * collapse) because most traffic is ASCII. Offsets back into the input are only needed when a span is reported, so
 * `originalRange` rebuilds them lazily with a character-by-character pass that applies the same steps.
 */
import { CONFUSABLES } from './confusables.js';

export interface NormalisedText {
  /** The text as given. */
  input: string;
  /** Folded, lower-case text with single spaces, no leading or trailing space. */
  text: string;
  /** Characters that hide text: zero-width spaces, word joiners, bidi controls (emoji joiners and marks excluded). */
  invisible: number;
  /** Unicode tag characters decoded to ASCII. */
  tags: number;
  /** Look-alike letters from another script written next to Latin letters (UTS #39 mixed-script confusables). */
  mixedScript: number;
  /** Words in which leetspeak digits were folded to letters. */
  leetWords: number;
  /** Lazily built: `offsets[i]` = input offset of the character that produced `text[i]`. */
  offsets?: Int32Array;
}

/** Result of folding one non-ASCII code point; cached because real text repeats the same few characters. */
interface Fold {
  text: string;
  kind: 'removed' | 'hidden' | 'tag' | 'confusable' | 'other';
}

const foldCache = new Map<number, Fold>();
/** Adversarial input can cycle through the whole Unicode range; past this size folds are computed, not stored. */
const FOLD_CACHE_LIMIT = 8192;
const INVISIBLE = /^[\p{Default_Ignorable_Code_Point}\p{Cf}\p{M}]$/u;
const MARKS = /\p{M}/gu;
const WHITESPACE = /^\s+$/u;
const NON_ASCII = /[^\x00-\x7f]/gu;
/** Without the `u` flag the test is an order of magnitude faster; the `u` replace then sees whole code points. */
const HAS_NON_ASCII = /[^\x00-\x7f]/;
/** Whitespace runs that are not already a single space; replacing only those keeps prose untouched. */
const SPACE_RUNS = /\s{2,}|[^\S ]/g;
/** Two whitespace characters in a row, or any whitespace other than a plain space. */
const NEEDS_SPACE_COLLAPSE = /\s\s|[^\S ]/;

function foldCodePoint(cp: number): Fold {
  const cached = foldCache.get(cp);
  if (cached) return cached;
  const fold = computeFold(cp);
  if (foldCache.size < FOLD_CACHE_LIMIT) foldCache.set(cp, fold);
  return fold;
}

function computeFold(cp: number): Fold {
  // Tag characters E0020–E007E mirror printable ASCII and render as nothing.
  if (cp >= 0xe0020 && cp <= 0xe007e) return { text: String.fromCharCode(cp - 0xe0000).toLowerCase(), kind: 'tag' };
  const direct = CONFUSABLES.get(cp);
  if (direct !== undefined) return { text: direct, kind: isOtherScriptLookalike(cp) ? 'confusable' : 'other' };
  if (isHidingCharacter(cp)) return { text: '', kind: 'hidden' };
  const ch = String.fromCodePoint(cp);
  if (INVISIBLE.test(ch) || (cp >= 0xe0000 && cp <= 0xe0fff)) return { text: '', kind: 'removed' };
  // NFKD then dropping marks removes diacritics; NFC recomposes what is left (Hangul jamo) so scripts stay intact.
  const base = ch.normalize('NFKD').replace(MARKS, '').normalize('NFC').toLowerCase();
  if (WHITESPACE.test(base)) return { text: ' ', kind: 'other' };
  let text = '';
  let confusable = false;
  for (const c of base) {
    const mapped = CONFUSABLES.get(c.codePointAt(0)!);
    if (mapped !== undefined && isOtherScriptLookalike(cp)) confusable = true;
    text += mapped ?? c;
  }
  return { text, kind: confusable ? 'confusable' : 'other' };
}

/** Zero-width space, Mongolian vowel separator, word joiner and invisible operators, bidi embeddings/overrides and
 * isolates, BOM: characters with no legitimate use inside a prompt that hide or reorder text. ZWJ/ZWNJ and variation
 * selectors are excluded because emoji sequences and Persian/Indic text use them. */
function isHidingCharacter(cp: number): boolean {
  return (
    cp === 0x200b ||
    cp === 0x180e ||
    cp === 0xfeff ||
    (cp >= 0x2060 && cp <= 0x2064) ||
    (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2066 && cp <= 0x2069)
  );
}

/** Greek, Cyrillic, Armenian, Cherokee, IPA and small-capital look-alikes: another script posing as Latin. */
function isOtherScriptLookalike(cp: number): boolean {
  return (
    (cp >= 0x0250 && cp <= 0x02af) ||
    (cp >= 0x0370 && cp <= 0x058f) ||
    (cp >= 0x13a0 && cp <= 0x13ff) ||
    (cp >= 0x1d00 && cp <= 0x1d2b) ||
    cp === 0xa731
  );
}

const isAsciiLetter = (c: number) => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);

export function normalise(input: string): NormalisedText {
  let invisible = 0;
  let tags = 0;
  let mixedScript = 0;
  let text = input;
  if (HAS_NON_ASCII.test(input)) {
    text = input.replace(NON_ASCII, (ch: string, at: number) => {
      const fold = foldCodePoint(ch.codePointAt(0)!);
      if (fold.kind === 'hidden') invisible++;
      else if (fold.kind === 'tag') tags++;
      else if (
        fold.kind === 'confusable' &&
        (isAsciiLetter(input.charCodeAt(at - 1)) || isAsciiLetter(input.charCodeAt(at + ch.length)))
      )
        mixedScript++;
      return fold.text;
    });
  }
  text = text.toLowerCase();
  if (NEEDS_SPACE_COLLAPSE.test(text)) text = text.replace(SPACE_RUNS, ' ');
  text = text.trim();
  const leet = foldLeetspeak(text);
  return { input, text: leet.text, invisible, tags, mixedScript, leetWords: leet.words };
}

/** Leetspeak digits and symbols → the letter they stand for, by char code (0 = not leet). */
const LEET = new Uint8Array(128);
for (const [from, to] of Object.entries({
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '@': 'a',
  $: 's',
}))
  LEET[from.charCodeAt(0)] = to.charCodeAt(0);

const HAS_LEET_NEXT_TO_LETTER = /[a-z][013457@$]|[013457@$][a-z]/;
const isLower = (c: number) => c >= 0x61 && c <= 0x7a;
const isLeet = (c: number) => c < 128 && LEET[c]! !== 0;
/** Characters of a leetspeak candidate word: lower-case letters, digits, `@` and `$`. */
const isLeetWordChar = (c: number) => isLower(c) || (c >= 0x30 && c <= 0x39) || c === 0x40 || c === 0x24;

/**
 * Folds leetspeak word by word. A word is folded only when it reads as letters disguised by digits: a digit between
 * two letters (`1gn0re` → `ignore`, `pr0mpt`), or one or two leading digits before at least three letters
 * (`1gnore`). Plain numbers, ordinals (`4th`), versions (`gpt4`, `covid19`) and words with 2/6/8/9 stay as they are.
 * Length-preserving, so offsets computed before it stay valid. One linear pass over the char codes (a regex over
 * word runs backtracks quadratically on long runs); a substring is built only for a word that is folded.
 */
function foldLeetspeak(text: string): { text: string; words: number } {
  // Most texts have no digit or symbol next to a letter; one native regex scan says so faster than the loop below.
  if (!HAS_LEET_NEXT_TO_LETTER.test(text)) return { text, words: 0 };
  const n = text.length;
  let words = 0;
  let folded = '';
  let copied = 0;
  for (let i = 0; i < n; ) {
    if (!isLeetWordChar(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i;
    let leet = false;
    for (; j < n; j++) {
      const c = text.charCodeAt(j);
      if (!isLeetWordChar(c)) break;
      if (isLeet(c)) leet = true;
    }
    if (leet && shouldFoldLeet(text, i, j)) {
      words++;
      folded += text.slice(copied, i);
      for (let k = i; k < j; k++) {
        const c = text.charCodeAt(k);
        folded += String.fromCharCode(isLeet(c) ? LEET[c]! : c);
      }
      copied = j;
    }
    i = j;
  }
  return words === 0 ? { text, words } : { text: folded + text.slice(copied), words };
}

function shouldFoldLeet(text: string, start: number, end: number): boolean {
  let letters = 0;
  let sandwiched = false;
  for (let k = start; k < end; k++) {
    const c = text.charCodeAt(k);
    if (isLower(c)) letters++;
    else if (isLeet(c)) {
      const next = k + 1 < end ? text.charCodeAt(k + 1) : 0;
      if (k > start && isLower(text.charCodeAt(k - 1)) && (isLower(next) || isLeet(next))) sandwiched = true;
    } else return false;
  }
  if (letters < 2) return false;
  if (sandwiched) return true;
  let lead = start;
  while (lead < end && isLeet(text.charCodeAt(lead))) lead++;
  return lead > start && lead - start <= 2 && letters >= 3;
}

const WHITESPACE_CHAR = /\s/;
/** Same set as the regex `\s`, without a regex call for ASCII. */
const isSpace = (c: number) =>
  c === 0x20 || (c >= 0x09 && c <= 0x0d) || (c >= 0x80 && WHITESPACE_CHAR.test(String.fromCharCode(c)));

/**
 * Rebuilds `norm.text` character by character, recording for each output character the input offset it came from.
 * Same steps as `normalise`: fold non-ASCII, lower-case, collapse whitespace (a collapsed run maps to its last
 * character), trim (leetspeak preserves length). One pass into a typed array: detections on long inputs pay for
 * it, so it must stay linear and allocation-light.
 */
function buildOffsets(norm: NormalisedText): Int32Array {
  const input = norm.input;
  let offsets = new Int32Array(norm.text.length + 1);
  let k = 0;
  /** Input offset of the last whitespace character since the previous kept character, or −1. */
  let space = -1;
  const keep = (from: number) => {
    if (k + 2 > offsets.length) {
      const grown = new Int32Array(offsets.length * 2 + 2);
      grown.set(offsets);
      offsets = grown;
    }
    if (space >= 0 && k > 0) offsets[k++] = space;
    space = -1;
    offsets[k++] = from;
  };
  for (let i = 0; i < input.length; ) {
    const c = input.charCodeAt(i);
    if (c < 0x80) {
      if (isSpace(c)) space = i;
      else keep(i);
      i++;
      continue;
    }
    const cp = input.codePointAt(i)!;
    const piece = foldCodePoint(cp).text.toLowerCase();
    for (let p = 0; p < piece.length; p++) {
      if (isSpace(piece.charCodeAt(p))) space = i;
      else keep(i);
    }
    i += cp > 0xffff ? 2 : 1;
  }
  if (k + 1 > offsets.length) {
    const grown = new Int32Array(k + 1);
    grown.set(offsets);
    offsets = grown;
  }
  offsets[k] = input.length;
  return k + 1 === offsets.length ? offsets : offsets.slice(0, k + 1);
}

/** The input range that produced the folded range [start, end) of `norm.text`. */
export function originalRange(norm: NormalisedText, start: number, end: number): { start: number; end: number } {
  const last = norm.text.length;
  if (last === 0) return { start: 0, end: norm.input.length };
  norm.offsets ??= buildOffsets(norm);
  const offsets = norm.offsets;
  const from = offsets[Math.max(0, Math.min(start, last - 1))]!;
  const lastFrom = offsets[Math.max(0, Math.min(Math.max(end, start + 1), last) - 1)]!;
  const to = lastFrom + ((norm.input.codePointAt(lastFrom) ?? 0) > 0xffff ? 2 : 1);
  return { start: from, end: Math.max(from, Math.min(to, norm.input.length)) };
}

/** For tests: the text `buildOffsets` reconstructs must equal the fast path's, or spans would drift. */
export function offsetsLength(norm: NormalisedText): number {
  norm.offsets ??= buildOffsets(norm);
  return norm.offsets.length - 1;
}
