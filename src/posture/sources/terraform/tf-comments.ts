import type { TfComment } from './tf-blocks.js';

/** A suppression written as a comment in a `.tf` file. */
export interface SuppressionComment {
  /** `steward` names a Steward rule id (or `*`); `checkov` names a Checkov check id, matched through equivalents. */
  tool: 'steward' | 'checkov';
  rule: string;
  /** Empty when the comment gives none: such a suppression is reported, never applied. */
  reason: string;
  line: number;
}

/** `steward:suppress <rule-id> <reason…>` at the start of a comment line (after `#`, `//`, or a `*` in a block comment). */
const STEWARD = /^[\s*]*steward:suppress(?:\s+(\S+))?(?:\s+(.*))?$/;
/** Checkov's own form, as Checkov matches it anywhere in a comment line: `checkov:skip=CKV_AWS_18:The reason`. */
const CHECKOV = /(?:checkov|bridgecrew):skip=\s*([A-Z_\d]+)(?::(.*))?/;

/** The reason as written, without surrounding white space or one pair of quotes (Checkov's docs quote it). */
function cleanReason(raw: string | undefined): string {
  const t = (raw ?? '').trim();
  const quoted = t.length >= 2 && (t[0] === '"' || t[0] === "'") && t.at(-1) === t[0];
  return (quoted ? t.slice(1, -1) : t).trim();
}

/** The suppressions a comment declares, one per line at most. */
export function suppressionsIn(comment: TfComment): SuppressionComment[] {
  const out: SuppressionComment[] = [];
  const lines = comment.text.split('\n');
  for (let k = 0; k < lines.length; k++) {
    const text = lines[k]!.replace(/\r$/, '');
    const line = comment.line + k;
    const s = STEWARD.exec(text);
    if (s?.[1]) {
      out.push({ tool: 'steward', rule: s[1], reason: cleanReason(s[2]), line });
      continue;
    }
    const c = CHECKOV.exec(text);
    if (c) out.push({ tool: 'checkov', rule: c[1]!, reason: cleanReason(c[2]), line });
  }
  return out;
}
