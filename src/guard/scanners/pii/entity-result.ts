/**
 * The last step shared by the entity scanners (`pii`, `secrets`): drop unwanted and allow-listed findings, resolve
 * overlaps, and report the strongest score with a count per entity.
 */
import type { ScanResult, Span } from '../../types.js';
import { allowKey } from './custom.js';
import { resolveOverlaps } from './spans.js';

/** The result of a text with no finding. */
export const NOTHING: ScanResult = { score: 0, spans: [] };

/**
 * The result for the raw `spans` found in `text`: only entities `wanted` accepts, and none whose text is in `allow`
 * (keys made by `allowKey`). Reorders and filters `spans`.
 */
export function entityScanResult(
  text: string,
  spans: Span[],
  wanted: (entity: string) => boolean,
  allow: ReadonlySet<string>,
): ScanResult {
  if (spans.length === 0) return NOTHING;
  const kept = spans.filter(
    (s) => wanted(s.entity) && (allow.size === 0 || !allow.has(allowKey(text.slice(s.start, s.end)))),
  );
  resolveOverlaps(kept);
  if (kept.length === 0) return NOTHING;
  let score = 0;
  const counts: Record<string, number> = {};
  for (const s of kept) {
    score = Math.max(score, s.score ?? 1);
    counts[s.entity] = (counts[s.entity] ?? 0) + 1;
  }
  return { score, spans: kept, details: { entities: counts } };
}
