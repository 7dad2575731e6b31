/**
 * Canary tokens (LLM07): a random marker the pipeline puts in the system prompt; seeing it in an output proves the
 * system prompt leaked. The marker is plain ASCII in an HTML comment, which models treat as inert and copy
 * verbatim when they dump their instructions; detection keys on the hex digits only, tolerating the light
 * obfuscation a model or attacker may add (spaces, dashes or dots between characters, case changes, reversal).
 */
import { randomBytes } from 'node:crypto';

/** The random part of any canary: its longest run of hex digits (8 or more), e.g. Steward's or the session's. */
const HEX_RUN = /[0-9a-f]{8,}/gi;

/** A fresh canary such as `steward-canary-3f9a1c2b7d4e` (48 random bits). */
export function makeCanary(): string {
  return `steward-canary-${randomBytes(6).toString('hex')}`;
}

/**
 * The system prompt with the canary in front, as an HTML comment on its own line. The pipeline sends this upstream
 * and passes `canary` in the scan context of the output.
 */
export function withCanary(systemPrompt: string, canary: string): string {
  return `<!-- ${canary} -->\n${systemPrompt}`;
}

/**
 * What to look for: the canary's random hex part (`3f9a1c2b7d4e` of `steward-canary-3f9a1c2b7d4e`, or of any
 * `prefix-<hex>` canary), since a model may drop the prefix; the whole string when it has no hex run.
 */
export function canaryCore(canary: string): string {
  let best = '';
  for (const m of canary.matchAll(HEX_RUN)) if (m[0].length > best.length) best = m[0];
  return best || canary;
}

export interface CanaryMatch {
  start: number;
  end: number;
  /** How it was found: `exact`, `case`, `spaced` (separators between characters) or `reversed`. */
  how: 'exact' | 'case' | 'spaced' | 'reversed';
}

/** Characters a model or attacker may put between the canary's characters without hiding it from a reader. */
const SEPARATORS = String.raw`[\s\-_.·,:'"\u200b-\u200d\u2060]{0,3}`;

interface CanaryPatterns {
  /** The core, case-insensitive, with separators allowed between characters. */
  spaced: RegExp;
  /** The core reversed, case-insensitive. */
  reversed: RegExp;
}

const patternCache = new Map<string, CanaryPatterns>();

function escapeChar(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/** Patterns for `core`, cached: a request's canary is looked for in every streamed chunk. */
function patternsFor(core: string): CanaryPatterns {
  let p = patternCache.get(core);
  if (!p) {
    const chars = [...core].map(escapeChar);
    p = {
      spaced: new RegExp(chars.join(SEPARATORS), 'i'),
      reversed: new RegExp([...chars].reverse().join(''), 'i'),
    };
    if (patternCache.size >= 256) patternCache.clear();
    patternCache.set(core, p);
  }
  return p;
}

/**
 * Finds the canary in `text`; undefined when absent. Case-insensitive matching is done by the regexes rather than
 * by lower-casing the text, which would be slow on long texts and can shift offsets. Linear, never throws.
 */
export function findCanary(text: string, canary: string): CanaryMatch | undefined {
  const core = canaryCore(canary);
  if (core.length < 6) return undefined;
  const at = text.indexOf(core);
  if (at >= 0) return { start: at, end: at + core.length, how: 'exact' };
  const { spaced, reversed } = patternsFor(core);
  const m = spaced.exec(text);
  if (m) return { start: m.index, end: m.index + m[0].length, how: m[0].length === core.length ? 'case' : 'spaced' };
  const r = reversed.exec(text);
  if (r) return { start: r.index, end: r.index + r[0].length, how: 'reversed' };
  return undefined;
}
