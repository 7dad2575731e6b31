// Span matching and per-entity precision / recall / F1 for the PII bench.

/** A prediction matches a gold span of the same entity when their character IoU is ≥ 0.5 (boundary-tolerant). */
export function iou(a, b) {
  const inter = Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
  const union = Math.max(a.end, b.end) - Math.min(a.start, b.start);
  return union ? inter / union : 0;
}

export function newCounts(entities) {
  return Object.fromEntries(entities.map((e) => [e, { tp: 0, fp: 0, fn: 0 }]));
}

/**
 * Adds one row's outcome. `pred` entities outside `entities` are ignored (a peer's extra types, e.g. ZIPCODE, earn no
 * credit and no penalty). Each gold span is matched at most once.
 */
export function score(counts, gold, pred) {
  const used = new Set();
  for (const p of pred) {
    const c = counts[p.entity];
    if (!c) continue;
    const g = gold.findIndex((g, i) => !used.has(i) && g.label === p.entity && iou(g, p) >= 0.5);
    if (g >= 0) {
      used.add(g);
      c.tp++;
    } else {
      c.fp++;
    }
  }
  gold.forEach((g, i) => {
    if (!used.has(i) && counts[g.label]) counts[g.label].fn++;
  });
}

export function prf({ tp, fp, fn }) {
  const p = tp + fp ? tp / (tp + fp) : undefined;
  const r = tp + fn ? tp / (tp + fn) : undefined;
  const f =
    p !== undefined && r !== undefined && p + r
      ? (2 * p * r) / (p + r)
      : p === undefined && r === undefined
        ? undefined
        : 0;
  return { p, r, f };
}

export const fmt = (x) => (x === undefined ? '–' : x.toFixed(2));
