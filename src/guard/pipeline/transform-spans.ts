/**
 * Applies redact / mask / tokenize spans to one text. Spans may come from several scanners, overlap, fall outside
 * the text or split a surrogate pair; all of that is normalised here so scanners can stay simple.
 */
import { ACTION_RANK } from '../types.js';

export type TransformAction = 'redact' | 'mask' | 'tokenize';

export interface TransformSpan {
  start: number;
  end: number;
  entity: string;
  action: TransformAction;
  /** Text to use instead of `[ENTITY]` for `redact` (set by sanitising scanners). */
  replacement?: string;
  /** For `tokenize`: may the token be restored in output. */
  restore: boolean;
}

export interface Tokenizer {
  tokenize(entity: string, original: string, restorable: boolean): string;
}

/** Characters `mask` leaves visible at the end of a span, never more than half of it. */
export const MASK_KEEP = 4;

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/**
 * Clamps spans to the text, widens them so no surrogate pair is split, drops empty ones and merges overlapping ones
 * (touching ones stay separate). A merged span keeps the highest-ranked action and that span's entity; it drops
 * `replacement`, which only described one of its parts. Returns spans sorted by start.
 */
export function normaliseSpans(text: string, spans: readonly TransformSpan[]): TransformSpan[] {
  const len = text.length;
  const clean: TransformSpan[] = [];
  for (const s of spans) {
    let start = Number.isFinite(s.start) ? Math.max(0, Math.floor(s.start)) : 0;
    let end = Number.isFinite(s.end) ? Math.min(len, Math.floor(s.end)) : len;
    if (start > 0 && start < len && isLow(text.charCodeAt(start)) && isHigh(text.charCodeAt(start - 1))) start--;
    if (end > 0 && end < len && isLow(text.charCodeAt(end)) && isHigh(text.charCodeAt(end - 1))) end++;
    if (start >= end) continue;
    clean.push(start === s.start && end === s.end ? s : { ...s, start, end });
  }
  if (clean.length < 2) return clean;
  clean.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: TransformSpan[] = [clean[0]!];
  for (let i = 1; i < clean.length; i++) {
    const next = clean[i]!;
    const cur = merged[merged.length - 1]!;
    if (next.start >= cur.end) {
      merged.push(next);
      continue;
    }
    const stronger = ACTION_RANK[next.action] > ACTION_RANK[cur.action] ? next : cur;
    merged[merged.length - 1] = {
      start: cur.start,
      end: Math.max(cur.end, next.end),
      entity: stronger.entity,
      action: stronger.action,
      // A span wholly inside another adds nothing: keep the outer one's replacement.
      replacement: next.end <= cur.end && stronger === cur ? cur.replacement : undefined,
      restore: cur.restore && next.restore,
    };
  }
  return merged;
}

/** The text with every span replaced. */
export function applySpans(text: string, spans: readonly TransformSpan[], tokenizer: Tokenizer): string {
  const normalised = normaliseSpans(text, spans);
  if (normalised.length === 0) return text;
  let out = '';
  let at = 0;
  for (const s of normalised) {
    out += text.slice(at, s.start);
    const original = text.slice(s.start, s.end);
    if (s.action === 'mask') out += mask(original);
    else if (s.action === 'tokenize') out += tokenizer.tokenize(s.entity, original, s.restore);
    else out += s.replacement ?? `[${s.entity}]`;
    at = s.end;
  }
  return out + text.slice(at);
}

/**
 * `4111 1111 1111 1234` → `***************1234`: every character (code point) but the last MASK_KEEP becomes `*`,
 * and at most half the span stays visible, so a short value is never shown whole.
 */
export function mask(original: string): string {
  const chars = Array.from(original);
  const keep = Math.min(MASK_KEEP, Math.floor(chars.length / 2));
  return '*'.repeat(chars.length - keep) + chars.slice(chars.length - keep).join('');
}
