/**
 * Logistic regression over hashed n-grams (see features.ts). The logit of a text is `bias + scale · Σ sign·w / √N`
 * with int8 weights `w`: the square root keeps long and short texts on one scale. An injection hidden in one
 * paragraph of a long document is diluted in the whole-text logit, so a head with a `window` also scores overlapping
 * windows and keeps the highest; the per-position contributions come from one feature pass, so each window costs
 * two subtractions.
 *
 * Speed: weights stay int8 (256 KiB per head at 2^18 buckets, which fits in a core's L2 cache, where a float
 * copy would not) and are summed as integers; every buffer is allocated once and reused.
 */
import { extractFeatures, FeatureBuffer, type FeatureSpec } from './features.js';

export interface LinearModel {
  features: FeatureSpec;
  /** One signed byte per bucket; weight = byte × scale. */
  weights: Int8Array;
  scale: number;
  bias: number;
  /** Window length and stride in characters of normalised text; absent = whole text only. */
  window?: { size: number; stride: number };
}

export interface Classification {
  /** Highest logit over the whole text and its windows. */
  logit: number;
  /** Window of the normalised text that gave `logit` (the whole text when it is short or scored highest). */
  start: number;
  end: number;
}

// Scratch buffers reused across calls: scanners are synchronous, so one call finishes before the next starts.
const features = new FeatureBuffer();
let sums = new Int32Array(4096);
let counts = new Int32Array(4096);

export function classify(text: string, model: LinearModel): Classification {
  const n = text.length;
  if (n === 0) return { logit: model.bias, start: 0, end: 0 };
  const total = extractFeatures(text, model.features, features);
  const codes = features.codes;
  const w = model.weights;
  const window = model.window;

  if (!window || n <= window.size) {
    // One window: no per-position bookkeeping.
    let sum = 0;
    for (let k = 0; k < total; k++) {
      const c = codes[k]!;
      const v = w[c >>> 1]!;
      sum += c & 1 ? -v : v;
    }
    return { logit: logitOf(model, sum, total), start: 0, end: n };
  }

  if (sums.length < n + 1) {
    sums = new Int32Array(n * 2);
    counts = new Int32Array(n * 2);
  }
  sums.fill(0, 0, n + 1);
  counts.fill(0, 0, n + 1);
  const positions = features.positions;
  for (let k = 0; k < total; k++) {
    const c = codes[k]!;
    const v = w[c >>> 1]!;
    const p = positions[k]! + 1;
    sums[p]! += c & 1 ? -v : v;
    counts[p]!++;
  }
  // Prefix sums: sums[i] = contribution of positions < i.
  for (let i = 1; i <= n; i++) {
    sums[i]! += sums[i - 1]!;
    counts[i]! += counts[i - 1]!;
  }
  let best: Classification = { logit: logitOf(model, sums[n]!, counts[n]!), start: 0, end: n };
  const { size, stride } = window;
  for (let start = 0; ; start += stride) {
    const from = Math.min(start, n - size);
    const to = from + size;
    const c = counts[to]! - counts[from]!;
    if (c > 0) {
      const logit = logitOf(model, sums[to]! - sums[from]!, c);
      if (logit > best.logit) best = { logit, start: from, end: to };
    }
    if (to >= n) break;
  }
  return best;
}

const logitOf = (model: LinearModel, sum: number, count: number) =>
  count > 0 ? model.bias + (model.scale * sum) / Math.sqrt(count) : model.bias;

export const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
