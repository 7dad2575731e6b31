#!/usr/bin/env node
// Trains the opt-in PERSON/LOCATION model of the pii scanner and writes model.json beside this file.
//
//   npx tsc -p tsconfig.build.json && node src/guard/scanners/pii/names/train-model.mjs [--data ../shared/datasets]
//
// Data (TRAIN splits only): WNUT-17 rows with split "train" from pii/wnut17.jsonl (labelled PERSON/LOCATION spans),
// and, for the lower-case frequency lexicon only (no labels), the texts of prompt-injection/train.jsonl. Dev rows
// (wnut17 dev, UNER EWT dev) choose the number of epochs; test rows are never read here (bench/guard-accuracy
// reports on them). Deterministic: fixed seed, fixed order, so a rerun writes the same file.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { toUtf16Offsets } from './utf16-offsets.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../../../../..');
const { values } = parseArgs({
  options: {
    data: { type: 'string', default: resolve(repo, '../shared/datasets') },
    features: { type: 'string', default: join(repo, 'dist/guard/scanners/pii/names/features.js') },
    out: { type: 'string', default: join(here, 'model.json') },
    epochs: { type: 'string', default: '12' },
  },
});
const { tokenize, isCandidate, features, LABELS } = await import(resolve(values.features));

const readJsonl = (path) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));

function loadNer(file, split) {
  return readJsonl(join(values.data, 'pii', file))
    .filter((r) => r.split === split)
    .map((r) => ({ text: r.text, spans: toUtf16Offsets(r.text, r.spans) }));
}

const train = loadNer('wnut17.jsonl', 'train');
const dev = [...loadNer('wnut17.jsonl', 'dev'), ...loadNer('uner_en_ewt.jsonl', 'dev')];

// 1. Lexicon: how often each word appears in lower case in ordinary text (train texts only).
const lowerCounts = new Map();
const unlabeled = [
  ...train.map((r) => r.text),
  ...readJsonl(join(values.data, 'prompt-injection/train.jsonl')).map((r) => r.text),
];
for (const text of unlabeled) {
  for (const t of tokenize(text)) {
    if (/^\p{Ll}[\p{Ll}'’-]*$/u.test(t.text)) lowerCounts.set(t.text, (lowerCounts.get(t.text) ?? 0) + 1);
  }
}
const bucketOf = (n) => (n >= 50 ? 3 : n >= 8 ? 2 : 1);
const lexicon = new Map();
for (const [w, n] of lowerCounts) if (n >= 3) lexicon.set(w, bucketOf(n));

// 2. Examples: one per capitalised token, labelled by the gold span that contains it.
function examples(rows) {
  const out = [];
  for (const row of rows) {
    const tokens = tokenize(row.text);
    tokens.forEach((t, i) => {
      if (!isCandidate(t)) return;
      const span = row.spans.find((s) => s.start <= t.start && t.end <= s.end);
      const y = span && LABELS.indexOf(span.label) > 0 ? LABELS.indexOf(span.label) : 0;
      out.push({ f: features(tokens, i, lexicon), y });
    });
  }
  return out;
}
const trainEx = examples(train);

// 3. Multinomial logistic regression, SGD with L2, seeded shuffle.
const K = LABELS.length;
const W = new Map();
const weightOf = (f) => {
  let w = W.get(f);
  if (!w) {
    w = new Float64Array(K);
    W.set(f, w);
  }
  return w;
};
function predict(fs, weights = W) {
  const z = new Float64Array(K);
  for (const f of fs) {
    const w = weights.get(f);
    if (w) for (let k = 0; k < K; k++) z[k] += w[k];
  }
  const max = Math.max(...z);
  let sum = 0;
  for (let k = 0; k < K; k++) sum += z[k] = Math.exp(z[k] - max);
  for (let k = 0; k < K; k++) z[k] /= sum;
  return z;
}
let seed = 42;
const rand = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return (seed >>> 8) / 8388608;
};
const l2 = 1e-5;

// 4. Span-level evaluation (exact match), the metric the bench reports.
function decode(text, weights, threshold) {
  const tokens = tokenize(text);
  const spans = [];
  let open;
  tokens.forEach((t, i) => {
    let label = 0;
    if (isCandidate(t)) {
      const p = predict(features(tokens, i, lexicon), weights);
      const k = p[1] >= p[2] ? 1 : 2;
      if (p[k] >= threshold) label = k;
    }
    const adjacent = open && open.label === label && /^ ?$/.test(text.slice(open.end, t.start));
    if (label && adjacent) open.end = t.end;
    else {
      if (open) spans.push(open);
      open = label ? { start: t.start, end: t.end, label } : undefined;
    }
  });
  if (open) spans.push(open);
  return spans.map((s) => ({ ...s, label: LABELS[s.label] }));
}
function evaluate(rows, weights, threshold) {
  const c = { PERSON: { tp: 0, fp: 0, fn: 0 }, LOCATION: { tp: 0, fp: 0, fn: 0 } };
  for (const row of rows) {
    const gold = row.spans.filter((s) => s.label in c);
    const pred = decode(row.text, weights, threshold);
    for (const p of pred) {
      if (gold.some((g) => g.start === p.start && g.end === p.end && g.label === p.label)) c[p.label].tp++;
      else c[p.label].fp++;
    }
    for (const g of gold)
      if (!pred.some((p) => p.start === g.start && p.end === g.end && p.label === g.label)) c[g.label].fn++;
  }
  const f1 = ({ tp, fp, fn }) => (tp ? (2 * tp) / (2 * tp + fp + fn) : 0);
  return { c, f1: (f1(c.PERSON) + f1(c.LOCATION)) / 2 };
}

let best = { f1: -1 };
const A = new Map();
let steps = 0;
const order = trainEx.map((_, i) => i);
for (let epoch = 1; epoch <= Number(values.epochs); epoch++) {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const lr = 0.2 / (1 + epoch * 0.2);
  for (const idx of order) {
    const { f, y } = trainEx[idx];
    const p = predict(f);
    for (const name of f) {
      const w = weightOf(name);
      for (let k = 0; k < K; k++) w[k] -= lr * (p[k] - (k === y ? 1 : 0) + l2 * w[k]);
    }
    // Running average of the weights (Polyak averaging) smooths SGD's epoch-to-epoch swings.
    steps++;
    for (const name of f) {
      const w = W.get(name);
      let a = A.get(name);
      if (!a) {
        a = { sum: new Float64Array(K), last: 0, w: new Float64Array(K) };
        A.set(name, a);
      }
      for (let k = 0; k < K; k++) a.sum[k] += a.w[k] * (steps - a.last - 1) + w[k];
      a.last = steps;
      a.w.set(w);
    }
  }
  const avg = new Map();
  for (const [name, a] of A) {
    const v = new Float64Array(K);
    for (let k = 0; k < K; k++) v[k] = (a.sum[k] + a.w[k] * (steps - a.last)) / steps;
    avg.set(name, v);
  }
  for (const threshold of [0.25, 0.35, 0.5]) {
    const { f1, c } = evaluate(dev, avg, threshold);
    process.stderr.write(`epoch ${epoch} threshold ${threshold}: dev macro-F1 ${f1.toFixed(3)} ${JSON.stringify(c)}\n`);
    if (f1 > best.f1) best = { f1, epoch, threshold, weights: avg };
  }
}

// 5. Prune near-zero weights, round, write.
const weights = {};
for (const [name, w] of best.weights) {
  if (Math.max(...w.map(Math.abs)) < 0.05) continue;
  weights[name] = [...w].map((x) => Math.round(x * 100) / 100);
}
const lexiconOut = {};
for (const [w, b] of [...lexicon].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
  lexiconOut[b] ??= [];
  lexiconOut[b].push(w);
}
const model = {
  about:
    'PERSON/LOCATION logistic-regression model of the Steward pii scanner. Trained by train-model.mjs on the WNUT-17 ' +
    'train split (CC-BY-4.0, leondz/emerging_entities_17); lexicon from that split and prompt-injection/train.jsonl.',
  labels: LABELS,
  epoch: best.epoch,
  threshold: best.threshold,
  devMacroF1: Math.round(best.f1 * 1000) / 1000,
  lexicon: Object.fromEntries(Object.entries(lexiconOut).map(([b, ws]) => [b, ws.join(' ')])),
  weights,
};
writeFileSync(values.out, formatModel(model));
process.stderr.write(
  `wrote ${values.out}: ${Object.keys(weights).length} features, ${lexicon.size} lexicon words, best epoch ${best.epoch} (dev macro-F1 ${best.f1.toFixed(3)})\n`,
);

/** The layout Biome gives JSON (one weight row per line), so a retrained model diffs cleanly and passes `biome check`. */
function formatModel(m) {
  const j = JSON.stringify;
  const obj = (o, indent) =>
    `{\n${Object.entries(o)
      .map(([k, v]) => `${indent}  ${j(k)}: ${Array.isArray(v) ? `[${v.map((x) => j(x)).join(', ')}]` : j(v)}`)
      .join(',\n')}\n${indent}}`;
  const top = Object.entries(m).map(([k, v]) => {
    if (Array.isArray(v)) return `  ${j(k)}: [${v.map((x) => j(x)).join(', ')}]`;
    if (v && typeof v === 'object') return `  ${j(k)}: ${obj(v, '  ')}`;
    return `  ${j(k)}: ${j(v)}`;
  });
  return `{\n${top.join(',\n')}\n}\n`;
}
