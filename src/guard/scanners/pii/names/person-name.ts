import type { Span } from '../../../types.js';
import { type Detector, HAS_UPPER } from '../detector.js';
import { features, isCandidate, type Lexicon, tokenize } from './features.js';
import model from './model.json' with { type: 'json' };

/**
 * PERSON and LOCATION from a small logistic-regression model over capitalised words (features.ts), trained by
 * train-model.mjs on the WNUT-17 train split. Opt-in: its precision and recall are far below the validated
 * detectors' (see docs/guard-scanners-pii.md), and it costs a Unicode tokenisation of the text.
 */
const weights = new Map<string, readonly number[]>(Object.entries(model.weights));
const lexicon: Lexicon = new Map(
  Object.entries(model.lexicon).flatMap(([bucket, words]) => words.split(' ').map((w) => [w, Number(bucket)] as const)),
);
const THRESHOLD = model.threshold;
const LABEL_ENTITY = [undefined, 'PERSON', 'LOCATION'] as const;

/** Class probabilities (O, PERSON, LOCATION) of candidate token i. */
function classify(tokens: ReturnType<typeof tokenize>, i: number): [number, number, number] {
  let z0 = 0;
  let z1 = 0;
  let z2 = 0;
  for (const f of features(tokens, i, lexicon)) {
    const w = weights.get(f);
    if (!w) continue;
    z0 += w[0]!;
    z1 += w[1]!;
    z2 += w[2]!;
  }
  const max = Math.max(z0, z1, z2);
  const e0 = Math.exp(z0 - max);
  const e1 = Math.exp(z1 - max);
  const e2 = Math.exp(z2 - max);
  const sum = e0 + e1 + e2;
  return [e0 / sum, e1 / sum, e2 / sum];
}

export const personNameDetector: Detector = {
  entities: ['PERSON', 'LOCATION'],
  needs: HAS_UPPER,
  detect(text: string, out: Span[]): void {
    const tokens = tokenize(text);
    let open: { start: number; end: number; label: 1 | 2; score: number; n: number } | undefined;
    const close = () => {
      if (open) {
        out.push({ start: open.start, end: open.end, entity: LABEL_ENTITY[open.label]!, score: scoreOf(open) });
      }
      open = undefined;
    };
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      let label: 0 | 1 | 2 = 0;
      let p = 0;
      if (isCandidate(t)) {
        const [, person, location] = classify(tokens, i);
        label = person >= location ? 1 : 2;
        p = Math.max(person, location);
        if (p < THRESHOLD) label = 0;
      }
      // Consecutive tokens of the same class separated by one space form one entity ("New York", "Ada Lovelace").
      if (
        label &&
        open &&
        open.label === label &&
        t.start - open.end <= 1 &&
        /^ ?$/.test(text.slice(open.end, t.start))
      ) {
        open.end = t.end;
        open.score += p;
        open.n++;
        continue;
      }
      close();
      if (label) open = { start: t.start, end: t.end, label, score: p, n: 1 };
    }
    close();
  },
};

/**
 * Mean class probability, mapped so the model's decision threshold lands on the pipeline's default 0.5: spans the
 * model keeps are reported at ≥ 0.5, and `threshold` in a policy can still raise the bar.
 */
function scoreOf(span: { score: number; n: number }): number {
  const p = span.score / span.n;
  const mapped = 0.5 + ((p - THRESHOLD) / (1 - THRESHOLD)) * 0.5;
  return Math.round(Math.min(1, Math.max(0.5, mapped)) * 100) / 100;
}
