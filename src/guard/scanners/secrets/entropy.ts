import type { Span } from '../../types.js';

/** Longest token considered: longer runs (embedded files, long base64 blobs) are not keys. */
const MAX_TOKEN_LENGTH = 512;
const HEX = /^[0-9a-fA-F]+$/;
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
/** A word that says the next value is a credential: `api_key = "…"`, `Authorization: Bearer …`, `token: …`. */
const CUE =
  /(?:key|secret|token|passw(?:or)?d|pwd|credential|auth(?:orization)?|bearer|api[_-]?key|access[_-]?key|session)["'\s]*[:=]?\s*["']?(?:bearer\s+)?$/i;

export interface EntropySettings {
  /** Shortest token considered. */
  minLength: number;
  /** Shannon entropy (bits per character) at or above which a mixed-case token with digits is reported. */
  minBits: number;
  /** Lower bound when a credential cue word precedes the token. */
  minBitsWithCue: number;
}

export const DEFAULT_ENTROPY: EntropySettings = { minLength: 20, minBits: 4.0, minBitsWithCue: 3.0 };

const counts = new Int32Array(128);

/** Shannon entropy in bits per character of an ASCII string. */
export function shannonEntropy(s: string): number {
  counts.fill(0);
  for (let i = 0; i < s.length; i++) counts[s.charCodeAt(i) & 127]!++;
  let bits = 0;
  for (let i = 0; i < 128; i++) {
    const c = counts[i]!;
    if (c === 0) continue;
    const p = c / s.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/**
 * High-entropy strings (generic API keys, passwords, session tokens). Without a cue word, a token must be ≥ minLength
 * characters of mixed upper case, lower case and digits (≥ 2 of each) with entropy ≥ minBits. By design and by
 * default, pure hex (git SHAs, SHA-256 digests, MD5), UUIDs and paths are not reported: they are everywhere in
 * technical prompts and are rarely secrets. After a cue ("api_key=", "Bearer", "password:") the bar drops to
 * minBitsWithCue and hex is accepted.
 */
export function detectHighEntropy(text: string, out: Span[], settings: EntropySettings): void {
  forEachTokenRun(text, (start, end) => checkToken(text, start, text.slice(start, end), out, settings));
}

/**
 * Calls `visit` for every whole run of base64/base64url/hex characters (not part of a longer one) of 20–512
 * characters. A charCode loop finds these several times faster than a lookbehind regex tried at every offset, and
 * passes over prose (words shorter than 20 characters) in one cheap pass.
 */
export function forEachTokenRun(text: string, visit: (start: number, end: number) => void): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (!isTokenChar(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    while (i < n && isTokenChar(text.charCodeAt(i))) i++;
    const length = i - start;
    if (length >= 20 && length <= MAX_TOKEN_LENGTH) visit(start, i);
  }
}

function checkToken(text: string, start: number, token: string, out: Span[], settings: EntropySettings): void {
  // Trailing '=' padding and '-'/'_' separators belong to the token, leading/trailing '/' to a path or URL.
  const value = token.replace(/[-_]+$/, '');
  if (value.length < settings.minLength || UUID.test(value) || looksLikePath(value)) return;
  const cue = CUE.test(text.slice(Math.max(0, start - 40), start));
  const bits = shannonEntropy(value);
  if (cue ? bits < settings.minBitsWithCue : bits < settings.minBits || !mixedClasses(value)) return;
  if ((!cue && HEX.test(value)) || looksLikeIdentifier(value) || decodesToText(value)) return;
  out.push({ start, end: start + value.length, entity: 'HIGH_ENTROPY_STRING', score: cue ? 0.9 : 0.75 });
}

/** [A-Za-z0-9+/=_-] by ASCII code: the characters of base64, base64url and hex tokens. */
const TOKEN_CHARS = new Uint8Array(128);
for (let c = 0; c < 128; c++) if (/[A-Za-z0-9+/=_-]/.test(String.fromCharCode(c))) TOKEN_CHARS[c] = 1;

function isTokenChar(c: number): boolean {
  return c < 128 && TOKEN_CHARS[c] === 1;
}

/**
 * Whether `text` has a run of at least `min` token characters ([A-Za-z0-9+/=_-]), as `/[A-Za-z0-9+/=_-]{min}/`
 * would say, but looking at a fraction of prose: it tests the last character of each window of `min` and, going
 * back, stops at the first non-token character, after which the next window starts.
 */
export function hasTokenRun(text: string, min: number): boolean {
  let end = min - 1;
  while (end < text.length) {
    let p = end;
    while (p > end - min && isTokenChar(text.charCodeAt(p))) p--;
    if (p === end - min) return true;
    end = p + min;
  }
  return false;
}

function mixedClasses(s: string): boolean {
  let upper = 0;
  let lower = 0;
  let digit = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) upper++;
    else if (c >= 97 && c <= 122) lower++;
    else if (c >= 48 && c <= 57) digit++;
  }
  return upper >= 2 && lower >= 2 && digit >= 2;
}

/** "0222-INV-DPATTERSON-COLE": separator-joined words and numbers, an id a person typed, not a random key. */
function looksLikeIdentifier(s: string): boolean {
  const parts = s.split(/[-_]/);
  return parts.length > 1 && parts.every((p) => /^(?:\d+|[A-Za-z][a-z]*|[A-Z]+[a-z]*)$/.test(p) && p.length <= 16);
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$|^[A-Za-z0-9_-]+$/;

/**
 * Base64 of natural-language text ("SWdub3JlIHlvdXIg…" = "Ignore your…"): an encoded message, not a key (the
 * prompt_injection scanner decodes and inspects those). Random key material decodes to binary.
 */
function decodesToText(s: string): boolean {
  if (s.length < 24 || !BASE64.test(s)) return false;
  const bytes = Buffer.from(s, s.includes('-') || s.includes('_') ? 'base64url' : 'base64');
  let printable = 0;
  let spaces = 0;
  for (const b of bytes) {
    if ((b >= 32 && b < 127) || b === 9 || b === 10 || b === 13) printable++;
    if (b === 32) spaces++;
  }
  return bytes.length > 0 && printable / bytes.length >= 0.95 && spaces >= 2;
}

/** "/usr/local/lib/node_modules", "src/guard/scanners": slash-separated lower-case words. */
function looksLikePath(s: string): boolean {
  if (s.indexOf('/') === -1) return false;
  if (s.startsWith('/') || s.endsWith('/') || s.includes('//')) return true;
  return s.split('/').every((seg) => /^[a-z0-9_.-]*$/.test(seg) || /^[A-Z]?[a-z]+(?:[A-Z][a-z]+)*$/.test(seg));
}
