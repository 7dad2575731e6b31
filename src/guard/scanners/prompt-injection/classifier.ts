/**
 * Logistic regression over hashed n-grams (see features.ts). The logit of a text is `bias + Σ sign·w / √N`: the
 * square root keeps long and short texts on one scale. An injection hidden in one paragraph of a long document is
 * diluted in the whole-text logit, so the classifier also scores overlapping windows and keeps the highest; the
 * per-position contributions come from one feature pass, so each window costs two subtractions.
 */
import { type FeatureSpec, forEachFeature } from './features.js';

export interface LinearModel {
  features: FeatureSpec;
  weights: Float32Array;
  bias: number;
  /** Window length and stride in characters of normalised text. */
  window: { size: number; stride: number };
}

export interface Classification {
  /** Highest logit over the whole text and its windows. */
  logit: number;
  /** Window of the normalised text that gave `logit` (the whole text when it is short or scored highest). */
  start: number;
  end: number;
}

// Scratch buffers reused across calls: scanners are synchronous, so one call finishes before the next starts.
let contrib = new Float64Array(4096);
let counts = new Float64Array(4096);

export function classify(text: string, model: LinearModel): Classification {
  const n = text.length;
  if (n === 0) return { logit: model.bias, start: 0, end: 0 };
  if (contrib.length < n + 1) {
    contrib = new Float64Array(n * 2);
    counts = new Float64Array(n * 2);
  }
  contrib.fill(0, 0, n + 1);
  counts.fill(0, 0, n + 1);
  const w = model.weights;
  const total = forEachFeature(text, model.features, (index, sign, position) => {
    contrib[position + 1]! += sign * w[index]!;
    counts[position + 1]! += 1;
  });
  // Prefix sums: contrib[i] = contribution of positions < i.
  for (let i = 1; i <= n; i++) {
    contrib[i]! += contrib[i - 1]!;
    counts[i]! += counts[i - 1]!;
  }
  const whole = total > 0 ? model.bias + contrib[n]! / Math.sqrt(total) : model.bias;
  let best: Classification = { logit: whole, start: 0, end: n };
  const { size, stride } = model.window;
  if (n > size) {
    for (let start = 0; ; start += stride) {
      const from = Math.min(start, n - size);
      const to = from + size;
      const c = counts[to]! - counts[from]!;
      if (c > 0) {
        const logit = model.bias + (contrib[to]! - contrib[from]!) / Math.sqrt(c);
        if (logit > best.logit) best = { logit, start: from, end: to };
      }
      if (to >= n) break;
    }
  }
  return best;
}

export const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
