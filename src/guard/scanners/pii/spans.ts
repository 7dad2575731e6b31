import type { Span } from '../../types.js';

/**
 * Sorts spans and drops overlaps: where two spans overlap, the higher score wins (then the longer one), so a card
 * number is not also reported as a phone number. Returns the same array, compacted.
 */
export function resolveOverlaps(spans: Span[]): Span[] {
  if (spans.length < 2) return spans;
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  let kept = 0;
  for (let i = 0; i < spans.length; i++) {
    const s = spans[i]!;
    const last = kept > 0 ? spans[kept - 1]! : undefined;
    if (last && s.start < last.end) {
      if (better(s, last)) spans[kept - 1] = s;
      continue;
    }
    spans[kept++] = s;
  }
  spans.length = kept;
  return spans;
}

function better(a: Span, b: Span): boolean {
  const sa = a.score ?? 0;
  const sb = b.score ?? 0;
  if (sa !== sb) return sa > sb;
  return a.end - a.start > b.end - b.start;
}
