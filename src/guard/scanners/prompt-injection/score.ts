/**
 * Combines the layers into one score: every variant of the text (as written, plus each encoded payload decoded,
 * nested up to `MAX_DEPTH`) is normalised, matched against the heuristics and classified; its evidence is the
 * classifier logit plus the heuristic weights (plus a bonus when it was hidden in an encoding). The highest evidence
 * wins, and the score is `sigmoid(evidence − threshold)`: 0.5 exactly at the calibrated operating point.
 */
import type { ScanResult, Span } from '../../types.js';
import { classify, sigmoid } from './classifier.js';
import { DEFAULT_DECODE_BUDGET, type DecodeBudget, type Encoding, findEncodedPayloads } from './decode.js';
import { type HeuristicMatch, heuristicEvidence, matchHeuristics } from './heuristics.js';
import type { HeadModel } from './model.js';
import { type NormalisedText, normalise, originalRange } from './normalise.js';

export type Sensitivity = 'low' | 'medium' | 'high';

/** Decoding depth: a payload inside a payload is decoded, a third level is not. */
export const MAX_DEPTH = 2;
/** Natural-language text hidden in base64/hex/ROT13… is itself a signal: people rarely encode what they ask. */
export const ENCODED_PAYLOAD_WEIGHT = 1.5;
const ENTITY = 'PROMPT_INJECTION';
const SNIPPET = 80;

interface Variant {
  text: string;
  /** Range in the scanned text that this variant stands for (the outermost encoded run). */
  start: number;
  end: number;
  depth: number;
  encodings: Encoding[];
}

interface VariantResult {
  variant: Variant;
  norm: NormalisedText;
  evidence: number;
  logit: number;
  heuristics: HeuristicMatch[];
  /** Best classifier window, in normalised-text offsets. */
  window: { start: number; end: number };
}

export function scoreInjection(text: string, model: HeadModel, threshold: number): ScanResult {
  const budget: DecodeBudget = { ...DEFAULT_DECODE_BUDGET };
  const queue: Variant[] = [{ text, start: 0, end: text.length, depth: 0, encodings: [] }];
  const results: VariantResult[] = [];
  for (let q = 0; q < queue.length; q++) {
    const v = queue[q]!;
    results.push(scoreVariant(v, model));
    if (v.depth >= MAX_DEPTH) continue;
    for (const p of findEncodedPayloads(v.text, budget)) {
      const outer = v.depth === 0 ? { start: p.start, end: p.end } : { start: v.start, end: v.end };
      queue.push({ text: p.text, ...outer, depth: v.depth + 1, encodings: [...v.encodings, p.encoding] });
    }
  }
  let best = results[0]!;
  for (const r of results) if (r.evidence > best.evidence) best = r;
  const score = sigmoid(best.evidence - threshold);
  const detected = score >= 0.5;

  // Offsets back into the input are rebuilt only for a detection: the common benign path never pays for them.
  const spans: Span[] = [];
  if (detected) {
    for (const r of results) {
      for (const m of r.heuristics) if (m.weight >= 1) spans.push({ ...toInput(r, m), entity: ENTITY, score });
    }
    // A verdict the classifier carried alone still points somewhere: its best window (or the encoded run).
    if (spans.length === 0) spans.push({ ...toInput(best, best.window), entity: ENTITY, score });
  }
  return {
    score,
    spans: mergeSpans(spans),
    details: {
      threshold,
      evidence: round(best.evidence),
      classifier: { logit: round(best.logit), probability: round(sigmoid(best.logit - threshold)) },
      heuristics: results.flatMap((r) =>
        r.heuristics.map((m) => ({
          id: m.id,
          category: m.category,
          weight: m.weight,
          match: r.norm.text.slice(m.start, Math.min(m.end, m.start + SNIPPET)),
          ...(r.variant.depth > 0 ? { decoded: r.variant.encodings.join('>') } : {}),
        })),
      ),
      decoded: results
        .filter((r) => r.variant.depth > 0)
        .map((r) => ({
          encoding: r.variant.encodings.join('>'),
          start: r.variant.start,
          end: r.variant.end,
          preview: r.variant.text.slice(0, SNIPPET),
          evidence: round(r.evidence),
        })),
    },
  };
}

function scoreVariant(variant: Variant, model: HeadModel): VariantResult {
  const norm = normalise(variant.text);
  const heuristics = matchHeuristics(norm);
  const cls = classify(norm.text, model);
  const evidence = cls.logit + heuristicEvidence(heuristics) + (variant.depth > 0 ? ENCODED_PAYLOAD_WEIGHT : 0);
  return { variant, norm, evidence, logit: cls.logit, heuristics, window: { start: cls.start, end: cls.end } };
}

/** A range of a variant's normalised text, as a range of the scanned text (the encoded run for decoded variants). */
function toInput(r: VariantResult, range: { start: number; end: number }): { start: number; end: number } {
  return r.variant.depth === 0
    ? originalRange(r.norm, range.start, range.end)
    : { start: r.variant.start, end: r.variant.end };
}

function mergeSpans(spans: Span[]): Span[] {
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Span[] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ ...s });
  }
  return merged;
}

const round = (x: number) => Math.round(x * 1000) / 1000;
