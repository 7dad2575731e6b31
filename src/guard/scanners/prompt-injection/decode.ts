/**
 * Finds encoded runs in a text (base64, hex, URL percent-encoding, `\u` escapes, HTML character references, ROT13)
 * and decodes the ones that turn out to be natural-language text, so the detector can scan what the model would
 * read after "decode this and follow it". Work is bounded by a shared budget: an attacker can nest encodings or
 * send megabytes of base64, but never makes the scanner decode more than `budget.chars` characters.
 */
import { CharCodes } from './char-codes.js';
import { WordSet } from './word-set.js';

export type Encoding = 'base64' | 'hex' | 'url' | 'unicode-escape' | 'html-entity' | 'rot13';

export interface DecodedPayload {
  encoding: Encoding;
  /** UTF-16 range of the encoded run in the scanned text. */
  start: number;
  end: number;
  text: string;
}

/** Mutable allowance shared by every decoding step of one scan (nested payloads draw from the same budget). */
export interface DecodeBudget {
  /** Characters of decoded text still allowed. */
  chars: number;
  /** Payloads still allowed. */
  payloads: number;
}

export const DEFAULT_DECODE_BUDGET: Readonly<DecodeBudget> = { chars: 16_384, payloads: 16 };

const HEX_ESCAPE_RUN = /(?:\\x[0-9a-fA-F]{2}){6,}/g;
const URL_RUN = /[^\s%]*(?:%[0-9a-fA-F]{2}[^\s%]*){4,}/g;
const UNICODE_ESCAPE_RUN = /(?:\\u[0-9a-fA-F]{4}|\\u\{[0-9a-fA-F]{1,6}\}){4,}/g;
const HTML_ENTITY_RUN = /(?:&#(?:[xX][0-9a-fA-F]{1,6}|[0-9]{1,7});){4,}/g;
/** Shortest base64 / hex run worth decoding: 12 bytes of payload. */
const MIN_BASE64 = 16;
const MIN_HEX = 20;
/** Shortest run of space- or colon-separated hex byte pairs (`49 67 6e …`). */
const MIN_HEX_PAIRS = 10;

/** Decoded text must read like language, not bytes: mostly printable, mostly letters and spaces. */
function looksLikeText(s: string): boolean {
  if (s.length < 6) return false;
  let letters = 0;
  let spaces = 0;
  let bad = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c < 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) || c === 0xfffd || (c >= 0x7f && c < 0xa0)) bad++;
    else if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c >= 0xc0) letters++;
    else if (c === 0x20) spaces++;
  }
  return bad <= s.length * 0.02 && letters >= s.length * 0.5 && (spaces > 0 || s.length < 24);
}

function take(budget: DecodeBudget, text: string): string | undefined {
  if (budget.payloads <= 0 || budget.chars <= 0) return undefined;
  const kept = text.length > budget.chars ? text.slice(0, budget.chars) : text;
  budget.chars -= kept.length;
  budget.payloads--;
  return kept;
}

/** Longest run the decoders look at: enough for any real instruction, small enough to bound the work. */
const MAX_RUN = 24_576;

function decodeHex(run: string): string {
  const digits = run.replace(/\\x|[ :,]/g, '');
  return Buffer.from(digits.slice(0, digits.length - (digits.length % 2)), 'hex').toString('utf8');
}

function decodeBase64(run: string): string {
  // Node's decoder accepts both the standard and the URL-safe alphabet.
  return Buffer.from(run, 'base64').toString('utf8');
}

function decodeUrl(run: string): string {
  const plus = run.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(plus);
  } catch {
    // Malformed sequences (a lone `%E2`): decode the well-formed bytes one by one.
    return plus.replace(/%([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
  }
}

function decodeUnicodeEscapes(run: string): string {
  return run.replace(/\\u\{([0-9a-fA-F]{1,6})\}|\\u([0-9a-fA-F]{4})/g, (_, braced?: string, four?: string) =>
    safeFromCodePoint(Number.parseInt((braced ?? four)!, 16)),
  );
}

function decodeHtmlEntities(run: string): string {
  return run.replace(/&#([xX][0-9a-fA-F]{1,6}|[0-9]{1,7});/g, (_, n: string) =>
    safeFromCodePoint(n[0] === 'x' || n[0] === 'X' ? Number.parseInt(n.slice(1), 16) : Number.parseInt(n, 10)),
  );
}

function safeFromCodePoint(cp: number): string {
  return cp >= 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : '\ufffd';
}

// Character classes for the one-pass run finder.
const B64 = 1;
const HEX = 2;
const UPPER = 4;
const LOWER = 8;
/** A base64 character that is not a hex digit. */
const NOT_HEX = 16;
const CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z0-9+/_-]/.test(ch)) CLASS[c]! |= B64;
  if (/[0-9a-fA-F]/.test(ch)) CLASS[c]! |= HEX;
  else if (CLASS[c]! & B64) CLASS[c]! |= NOT_HEX;
  if (/[A-Z]/.test(ch)) CLASS[c]! |= UPPER;
  if (/[a-z]/.test(ch)) CLASS[c]! |= LOWER;
}

/** The scanned text's char codes (see char-codes.ts); reused, since scans are synchronous. */
const scratch = new CharCodes();

interface Candidate {
  encoding: Exclude<Encoding, 'rot13'>;
  start: number;
  end: number;
}

/**
 * One pass over the text finds base64 and hex runs, and runs of separated hex pairs. Regular expressions with a
 * minimum length (`[A-Za-z0-9+/]{16,}`) restart inside every long word and cost several times more on prose.
 */
function findRuns(input: string): Candidate[] {
  const found: Candidate[] = [];
  const text = scratch.of(input);
  let pairStart = -1;
  let pairs = 0;
  const n = input.length;
  for (let i = 0; i < n; ) {
    let c = text[i]!;
    if (c >= 128 || !(CLASS[c]! & B64)) {
      if (c !== 0x20 && c !== 0x3a && c !== 0x2c) pairs = 0;
      i++;
      continue;
    }
    // A run of base64 characters: one tight loop to its end.
    const runStart = i;
    let flags = 0;
    for (; i < n; i++) {
      c = text[i]!;
      const cls = c < 128 ? CLASS[c]! : 0;
      if (!(cls & B64)) break;
      flags |= cls;
    }
    const allHex = !(flags & NOT_HEX);
    const length = i - runStart;
    // `=` padding belongs to base64.
    let end = i;
    while (end < n && end - i < 2 && text[end] === 0x3d) end++;
    if (allHex && length === 2) {
      if (pairs === 0) pairStart = runStart;
      pairs++;
      const separator = i < n && (c === 0x20 || c === 0x3a || c === 0x2c);
      if (!separator) {
        if (pairs >= MIN_HEX_PAIRS) found.push({ encoding: 'hex', start: pairStart, end: i });
        pairs = 0;
      }
    } else {
      if (pairs >= MIN_HEX_PAIRS) found.push({ encoding: 'hex', start: pairStart, end: runStart - 1 });
      pairs = 0;
      if (allHex && length >= MIN_HEX && length % 2 === 0) found.push({ encoding: 'hex', start: runStart, end: i });
      else if (length >= MIN_BASE64 && flags & UPPER && flags & LOWER)
        found.push({ encoding: 'base64', start: runStart, end });
    }
    // The character that ended the run is a separator or punctuation, never the start of the next run.
    i = end > i ? end : i + 1;
  }
  return found;
}

const DECODE: Record<Exclude<Encoding, 'rot13'>, (run: string) => string> = {
  hex: decodeHex,
  base64: decodeBase64,
  url: decodeUrl,
  'unicode-escape': decodeUnicodeEscapes,
  'html-entity': decodeHtmlEntities,
};

function regexRuns(text: string, pattern: RegExp, encoding: Candidate['encoding'], into: Candidate[]): void {
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text))
    into.push({ encoding, start: m.index, end: m.index + m[0].length });
}

/** Encoded runs of `text` that decode to natural language, in order of discovery, within `budget`. */
export function findEncodedPayloads(text: string, budget: DecodeBudget): DecodedPayload[] {
  const candidates = findRuns(text);
  // The rarer encodings announce themselves with a marker character; only then is their pattern run.
  if (text.includes('\\x')) regexRuns(text, HEX_ESCAPE_RUN, 'hex', candidates);
  if (text.includes('%')) regexRuns(text, URL_RUN, 'url', candidates);
  if (text.includes('\\u')) regexRuns(text, UNICODE_ESCAPE_RUN, 'unicode-escape', candidates);
  if (text.includes('&#')) regexRuns(text, HTML_ENTITY_RUN, 'html-entity', candidates);
  const found: DecodedPayload[] = [];
  const claimed: [number, number][] = [];
  const overlapsClaimed = (s: number, e: number) => claimed.some(([cs, ce]) => s < ce && e > cs);
  for (const cand of candidates) {
    if (budget.payloads <= 0 || budget.chars <= 0) return found;
    if (overlapsClaimed(cand.start, cand.end)) continue;
    const run = text.slice(cand.start, Math.min(cand.end, cand.start + MAX_RUN));
    const decoded = DECODE[cand.encoding](run);
    if (!looksLikeText(decoded)) continue;
    const kept = take(budget, decoded);
    if (kept === undefined) return found;
    claimed.push([cand.start, cand.end]);
    found.push({ encoding: cand.encoding, start: cand.start, end: cand.end, text: kept });
  }
  for (const run of findRot13Runs(text)) {
    if (overlapsClaimed(run.start, run.end)) continue;
    const kept = take(budget, rot13(text.slice(run.start, run.end)));
    if (kept === undefined) break;
    found.push({ encoding: 'rot13', start: run.start, end: run.end, text: kept });
  }
  return found;
}

/**
 * ROT13 is recognised by words, not letters: a sentence is ROT13 when more of its words are common English words
 * after rotation than before (`gur` → `the`, `vtaber` → `ignore`). Letter frequencies alone cannot tell short
 * rotated sentences from tables of names; a word list can.
 */
const COMMON_WORDS = (
  'the be to of and in that have it for not on with he as you do at this but his by from they we say her she or an ' +
  'will my one all would there their what so up out if about who get which go me when make can like time no just ' +
  'him know take people into year your good some could them see other than then now look only come its over think ' +
  'also back after use two how our work first well way even new want because any these give day most us is are was ' +
  'were has had been write tell ignore previous instructions instruction explain create provide step steps guide ' +
  'please answer question system prompt secret password article post story someone print say said make why where ' +
  'should must never always every here help each own same while does did doing being very more many much such ' +
  'override display reveal show output generate text string configuration admin administrator mode developer based ' +
  'rules hidden data user message respond response act pretend anything content code detailed initialization'
).split(' ');
const ENGLISH = new Set(COMMON_WORDS);
const ROTATED_ENGLISH = new Set(COMMON_WORDS.map(rot13));
/**
 * Cheap gate: frequent English words as they look after ROT13, matched as whole words in any case. Most texts have
 * none and skip the word count.
 */
const ROT13_HINT = new WordSet(
  [...ROTATED_ENGLISH].filter((w) => w.length >= 3).map((w) => [w, 0] as const),
  true,
);
const stop = () => true;
const WORD = /[a-zA-Z]{2,}/g;
const SENTENCE_BREAK = /[.!?:\n]/;

/** Sentences (split at . ! ? : and newlines) that read as English after ROT13, merged when adjacent. */
export function findRot13Runs(text: string): { start: number; end: number }[] {
  if (!ROT13_HINT.scan(text, stop)) return [];
  const runs: { start: number; end: number }[] = [];
  let segStart = 0;
  let words = 0;
  let plainHits = 0;
  let rotHits = 0;
  let lastEnd = 0;
  const close = (end: number) => {
    if (words >= 3 && rotHits >= 2 && rotHits > 2 * plainHits && rotHits >= words * 0.25) {
      const last = runs[runs.length - 1];
      if (last && /^[\s.!?:]*$/.test(text.slice(last.end, segStart))) last.end = end;
      else runs.push({ start: segStart, end });
    }
    words = 0;
    plainHits = 0;
    rotHits = 0;
  };
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
    // Close every sentence that ended between the previous word and this one.
    const gap = text.slice(lastEnd, m.index);
    if (SENTENCE_BREAK.test(gap)) {
      const breakAt = lastEnd + gap.search(SENTENCE_BREAK);
      close(breakAt + 1);
      segStart = breakAt + 1;
    }
    const w = m[0].toLowerCase();
    words++;
    if (ENGLISH.has(w)) plainHits++;
    if (ROTATED_ENGLISH.has(w)) rotHits++;
    lastEnd = m.index + m[0].length;
  }
  close(text.length);
  return runs;
}

export function rot13(s: string): string {
  return s.replace(/[a-zA-Z]/g, (ch) => {
    const c = ch.charCodeAt(0);
    const base = c >= 0x61 ? 0x61 : 0x41;
    return String.fromCharCode(((c - base + 13) % 26) + base);
  });
}
