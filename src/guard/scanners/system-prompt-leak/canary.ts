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

/**
 * Runs of hex digits with up to 3 separator characters between them (spaces, dashes, dots, zero-width…), 6 digits or
 * more: every place the canary's core can hide, obfuscated or not. One fixed pattern for all canaries: each request
 * has a new canary, and compiling per-canary patterns cost more than the whole rest of the output scan.
 */
const HEX_CANDIDATE = /[0-9a-f](?:[\s\-_.·,:'"\u200b-\u200d\u2060]{0,3}[0-9a-f]){5,}/gi;
const NOT_HEX = /[^0-9a-f]/g;

/**
 * Finds the canary in `text`; undefined when absent. Case-insensitive matching is done on the hex runs only rather
 * than by lower-casing the text, which would be slow on long texts and can shift offsets. Linear, never throws.
 * A match found in a run with separators or reversed points at the whole run.
 */
export function findCanary(text: string, canary: string): CanaryMatch | undefined {
  const core = canaryCore(canary);
  if (core.length < 6) return undefined;
  const at = text.indexOf(core);
  if (at >= 0) return { start: at, end: at + core.length, how: 'exact' };
  const lower = core.toLowerCase();
  const reversed = [...lower].reverse().join('');
  HEX_CANDIDATE.lastIndex = 0;
  for (let m = HEX_CANDIDATE.exec(text); m; m = HEX_CANDIDATE.exec(text)) {
    const run = m[0];
    if (run.length < core.length) continue;
    const digits = run.toLowerCase().replace(NOT_HEX, '');
    const i = digits.indexOf(lower);
    if (i >= 0) {
      if (digits.length === run.length) {
        return { start: m.index + i, end: m.index + i + core.length, how: 'case' };
      }
      return { start: m.index, end: m.index + run.length, how: 'spaced' };
    }
    if (digits.includes(reversed)) return { start: m.index, end: m.index + run.length, how: 'reversed' };
  }
  return undefined;
}
