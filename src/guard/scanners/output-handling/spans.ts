import type { Span } from '../../types.js';

/**
 * Sorts spans and merges overlapping ones, keeping the higher-scoring span's entity and replacement (a merged span
 * whose parts both had replacements keeps the winner's; the pipeline replaces the whole merged range).
 */
export function mergeOverlapping(spans: readonly Span[]): Span[] {
  if (spans.length < 2) return [...spans];
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Span[] = [{ ...sorted[0]! }];
  for (let i = 1; i < sorted.length; i++) {
    const s = sorted[i]!;
    const last = out[out.length - 1]!;
    if (s.start >= last.end) {
      out.push({ ...s });
      continue;
    }
    if (s.end <= last.end) {
      // Contained: the outer span already covers it; keep the stronger score.
      if ((s.score ?? 0) > (last.score ?? 0)) last.score = s.score;
      continue;
    }
    // Partial overlap: one span over both, no replacement (a replacement only fits the exact range it was made for).
    const stronger = (s.score ?? 0) > (last.score ?? 0) ? s : last;
    out[out.length - 1] = { start: last.start, end: s.end, entity: stronger.entity, score: stronger.score };
  }
  return out;
}

/** `score` of the strongest span, 0 when there is none. */
export function maxScore(spans: readonly Span[]): number {
  let best = 0;
  for (const s of spans) best = Math.max(best, s.score ?? 1);
  return best;
}
