#!/usr/bin/env node
// Trains the prompt-injection classifier that ships as data/guard/prompt-injection-model.json.
//
//   npm run train:injection          (= npm run build && node scripts/train-injection-model.mjs)
//
// Data: ../shared/datasets/prompt-injection/train.jsonl ONLY (test.jsonl is never read here). The train file is
// split by a seeded hash of each row's normalised text into a fit part (80 %) and a calibration part (20 %). The
// model is logistic regression over hashed character and word n-grams (src/guard/scanners/prompt-injection/
// features.ts), trained with AdaGrad on the fit part; the calibration part then sets the thresholds: the full
// scanner (classifier + heuristics + decoders) scores every calibration row, and each sensitivity's threshold is
// the lowest that keeps the false-positive rate on benign calibration rows within its target. Deterministic: same
// data and options → byte-identical file.
//
// Options: --data FILE  --out FILE  --modules DIR (compiled scanner modules; default dist/guard/scanners/
// prompt-injection)  --epochs N  --dim N  --seed N
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    data: { type: 'string', default: join(root, '..', 'shared', 'datasets', 'prompt-injection', 'train.jsonl') },
    out: { type: 'string', default: join(root, 'data', 'guard', 'prompt-injection-model.json') },
    modules: { type: 'string', default: join(root, 'dist', 'guard', 'scanners', 'prompt-injection') },
    epochs: { type: 'string', default: '10' },
    dim: { type: 'string', default: String(2 ** 18) },
    seed: { type: 'string', default: '42' },
  },
});

const load = (name) => import(pathToFileURL(join(resolve(args.modules), name)).href);
const { normalise } = await load('normalise.js');
const { forEachFeature } = await load('features.js');
const { MODEL_FORMAT, modelFromFile, quantiseWeights } = await load('model.js');
const { scoreInjection } = await load('score.js');

const SEED = Number(args.seed);
const EPOCHS = Number(args.epochs);
const FEATURES = { dim: Number(args.dim), charMin: 3, charMax: 5, wordBigrams: true };
const WINDOW = { size: 320, stride: 160 };
const CALIBRATION_SHARE = 0.2;
const LEARNING_RATE = 0.2;
const L2 = 1e-6;
/** Target false-positive rate on benign calibration rows, per sensitivity. */
const FPR_TARGETS = { low: 0.001, medium: 0.01, high: 0.03 };

const started = performance.now();
const dataBytes = readFileSync(args.data);
const rows = dataBytes
  .toString('utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l, i) => {
    const r = JSON.parse(l);
    if (typeof r.text !== 'string' || typeof r.label !== 'string') throw new Error(`${args.data}:${i + 1}: row needs text and label`);
    return r;
  });

// Seeded 32-bit PRNG (mulberry32) for the shuffles.
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
// The salt differs from the dataset's own split hash (`42:` + text), which would otherwise correlate with it.
const isCalibration = (folded) =>
  createHash('sha256').update(`steward-calibration:${SEED}:${folded}`).digest().readUInt32BE(0) / 0xffffffff <
  CALIBRATION_SHARE;

const examples = rows.map((r) => {
  const folded = normalise(r.text).text;
  return { row: r, folded, y: r.label === 'benign' ? 0 : 1 };
});
/** Sparse, de-duplicated feature vector scaled by 1/√N, exactly as classify() sums it. */
function vectorise(text) {
  const acc = new Map();
  const n = forEachFeature(text, FEATURES, (index, sign) => acc.set(index, (acc.get(index) ?? 0) + sign));
  const idx = new Int32Array(acc.size);
  const val = new Float32Array(acc.size);
  const norm = n > 0 ? 1 / Math.sqrt(n) : 0;
  let k = 0;
  for (const [i, v] of acc) {
    idx[k] = i;
    val[k++] = v * norm;
  }
  return { idx, val };
}

/**
 * BIPIA-style indirect rows are a clean document with an attack inserted; the clean twin is in the data too. The
 * inserted text is what makes the row an attack, so besides the whole document the window around the insertion is a
 * positive example: that is what the scanner's window scoring looks at, and it keeps the model from learning "tables
 * are attacks" (the same tables and e-mails appear, clean, as benign rows). The twin is the benign document sharing
 * the longest prefix + suffix; what lies between them is the insertion.
 */
function locateInsertions(examples) {
  const clean = examples.filter((e) => e.row.kind === 'benign-document');
  const byHead = new Map();
  const byTail = new Map();
  for (const c of clean) {
    for (const [map, key] of [
      [byHead, c.folded.slice(0, 40)],
      [byTail, c.folded.slice(-40)],
    ]) {
      const list = map.get(key) ?? [];
      list.push(c.folded);
      map.set(key, list);
    }
  }
  const located = new Map();
  for (const e of examples) {
    if (e.y !== 1 || e.row.kind !== 'indirect') continue;
    const text = e.folded;
    const candidates = [...(byHead.get(text.slice(0, 40)) ?? []), ...(byTail.get(text.slice(-40)) ?? [])];
    let best;
    for (const c of candidates) {
      if (c.length >= text.length) continue;
      let p = 0;
      while (p < c.length && text.charCodeAt(p) === c.charCodeAt(p)) p++;
      let q = 0;
      while (q < c.length - p && text.charCodeAt(text.length - 1 - q) === c.charCodeAt(c.length - 1 - q)) q++;
      if (p + q >= c.length - 2 && (!best || p + q > best.p + best.q)) best = { p, q, twin: c };
    }
    if (best) located.set(e, { start: best.p, end: text.length - best.q, twin: best.twin });
  }
  return located;
}
const insertions = locateInsertions(examples);
// Split by group so an injected document and its clean twin land on the same side.
for (const e of examples) e.calibration = isCalibration(insertions.get(e)?.twin ?? e.folded);
const fit = examples.filter((e) => !e.calibration);
const calibration = examples.filter((e) => e.calibration);

/** The window of `size` characters centred on [start, end) (or the range itself when longer). */
function windowAround(text, start, end, size) {
  if (end - start >= size) return text.slice(start, end);
  const from = Math.max(0, Math.min(text.length - size, Math.floor((start + end - size) / 2)));
  return text.slice(from, from + size);
}

/**
 * Benign requests, generated. The benign rows are ~90 % short questions, and the attacks are mostly imperatives
 * ("Write…", "Explain…", "Pretend…"), so a model trained on them alone learns "imperative = attack" and flags
 * "Write a poem about the sea". These seeded templates wrap benign FIT questions in the framings real users write
 * (request verbs, personas, formats, translation), so those framings carry no weight by themselves and the model
 * has to rely on what distinguishes attacks. Rule-generated from the data, like the dataset's own generated rows;
 * never from calibration rows, which stay real data only.
 */
const REQUEST_TEMPLATES = [
  (q) => `Tell me ${q}`,
  (q) => `Explain ${q}`,
  (q) => `Explain in simple terms: ${q}`,
  (q) => `Please answer the following question: ${q}`,
  (q) => `Give me a detailed answer. ${q}`,
  (q, r) => `Write a ${r.pick(FORMS)} about this: ${q}`,
  (q, r) => `Write a short ${r.pick(FORMS)} that answers the question "${q}"`,
  (q, r) => `Translate the following text to ${r.pick(LANGUAGES)}: ${q}`,
  (q, r) => `You are a helpful ${r.pick(ROLES)}. ${q}`,
  (q, r) => `Act as a ${r.pick(ROLES)} and answer: ${q}`,
  (q, r) => `Pretend you are a ${r.pick(ROLES)} and explain: ${q}`,
  (q, r) => `Imagine you are a ${r.pick(ROLES)}. ${q}`,
  (q) => `Summarize what is known about this question: ${q}`,
  (q) => `Create a list of key facts for: ${q}`,
  (q) => `Write a Python function that helps answer: ${q}`,
  (q) => `Can you help me with this? ${q}`,
  (q) => `I need your help. ${q} Please be concise.`,
  (q) => `Rewrite this question in a formal tone: ${q}`,
  (q) => `Correct the grammar of this sentence: ${q}`,
  (q) => `Generate three follow-up questions to: ${q}`,
  (q, r) => `Write a ${r.pick(FORMS)} about ${topicOf(q)}.`,
  (q) => `Describe ${topicOf(q)} in a few sentences.`,
  (q) => `Tell me a joke about ${topicOf(q)}.`,
  (q, r) => `Can you pretend to be a ${r.pick(ROLES)} and tell me about ${topicOf(q)}?`,
  (q) => `Summarize this article about ${topicOf(q)} in three bullet points.`,
  (q) => `Explain how ${topicOf(q)} works.`,
];
/** "who played the father on general hospital" → "the father on general hospital": a topic to write about. */
const topicOf = (q) =>
  q
    .replace(/^(?:(?:who|what|when|where|which|why|how|is|are|was|were|did|does|do|many|much|long|old|type|kind|of|the)\s+)+/i, '')
    .replace(/[?.!]+$/, '');
const FORMS = ['poem', 'story', 'blog post', 'paragraph', 'tweet', 'email', 'essay', 'song', 'summary', 'report'];
const LANGUAGES = ['French', 'Spanish', 'German', 'Italian', 'Japanese', 'Portuguese'];
const ROLES = ['tutor', 'teacher', 'travel agent', 'assistant', 'librarian', 'historian', 'math tutor', 'pirate', 'chef', 'poet'];
const AUGMENTED_REQUESTS = 4000;

function benignRequests(rows) {
  const random = rng(SEED + 1);
  const r = { pick: (list) => list[Math.floor(random() * list.length)] };
  const questions = rows.filter((e) => e.row.kind === 'benign-general');
  const out = [];
  for (let i = 0; i < AUGMENTED_REQUESTS && questions.length; i++) {
    const q = questions[Math.floor(random() * questions.length)].row.text;
    out.push(normalise(r.pick(REQUEST_TEMPLATES)(q, r)).text);
  }
  return out;
}

/**
 * Training samples of one head. Both heads see every row, plus windows of long benign texts (the scanner scores
 * windows too). The prompt head also gets the generated benign requests above. The document head also gets the window around each located insertion. The prompt head leaves out
 * the BIPIA injected documents: their attacks are ordinary requests ("Write a poem about…") that are attacks only
 * because they sit inside a document; learned as user-turn attacks they would flag ordinary user requests.
 */
function samplesFor(head) {
  const out = head === 'prompt' ? benignRequests(fit).map((text) => ({ ...vectorise(text), y: 0 })) : [];
  for (const e of fit) {
    const at = insertions.get(e);
    if (head === 'prompt' && e.y === 1 && e.row.source === 'microsoft/BIPIA') continue;
    out.push({ ...vectorise(e.folded), y: e.y });
    if (head === 'document' && at) out.push({ ...vectorise(windowAround(e.folded, at.start, at.end, WINDOW.size)), y: 1 });
    if (e.y === 0 && e.folded.length > WINDOW.size) {
      for (let s = 0; s + WINDOW.size <= e.folded.length; s += WINDOW.size) {
        out.push({ ...vectorise(e.folded.slice(s, s + WINDOW.size)), y: 0 });
      }
    }
  }
  return out;
}

/** Logistic regression, AdaGrad, L2 on the touched weights, class-balanced, seeded shuffles. */
function train(head, samples) {
  const positives = samples.filter((s) => s.y === 1).length;
  const classWeight = [samples.length / (2 * (samples.length - positives)), samples.length / (2 * positives)];
  const w = new Float64Array(FEATURES.dim);
  const g2 = new Float64Array(FEATURES.dim).fill(1e-8);
  let bias = 0;
  let biasG2 = 1e-8;
  const random = rng(SEED);
  const order = samples.map((_, i) => i);
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    let loss = 0;
    for (const k of order) {
      const { idx, val, y } = samples[k];
      let z = bias;
      for (let t = 0; t < idx.length; t++) z += w[idx[t]] * val[t];
      const p = 1 / (1 + Math.exp(-z));
      const cw = classWeight[y];
      loss -= cw * (y ? Math.log(p + 1e-12) : Math.log(1 - p + 1e-12));
      const g = (p - y) * cw;
      for (let t = 0; t < idx.length; t++) {
        const i = idx[t];
        const grad = g * val[t] + L2 * w[i];
        g2[i] += grad * grad;
        w[i] -= (LEARNING_RATE * grad) / Math.sqrt(g2[i]);
      }
      biasG2 += g * g;
      bias -= (LEARNING_RATE * g) / Math.sqrt(biasG2);
    }
    process.stderr.write(`${head} epoch ${epoch + 1}/${EPOCHS}: mean loss ${(loss / order.length).toFixed(4)}\n`);
  }
  return { w, bias, samples: samples.length, positives };
}

const heads = {};
const sampleCounts = {};
for (const head of ['prompt', 'document']) {
  const { w, bias, samples, positives } = train(head, samplesFor(head));
  const q = quantiseWeights(w);
  heads[head] = { bias: Number(bias.toFixed(6)), scale: q.scale, weights: q.weights, thresholds: { low: 0, medium: 0, high: 0 } };
  sampleCounts[head] = { samples, positives };
}
const trainSeconds = (performance.now() - started) / 1000;

// Calibrate each head as the scanner will run it (quantised weights, heuristics, decoders) on the held-out rows.
const file = { format: MODEL_FORMAT, features: FEATURES, window: WINDOW, heads };
const model = modelFromFile(file, 'in-memory model');
const calibrationReport = {};
for (const head of ['prompt', 'document']) {
  // With threshold 0 the scanner's evidence is the combined logit; thresholds are searched on it.
  const scored = calibration.map((e) => ({ e, evidence: scoreInjection(e.row.text, model[head], 0).details.evidence }));
  const benign = scored.filter((s) => s.e.y === 0).map((s) => s.evidence).sort((a, b) => b - a);
  const benignDocuments = scored
    .filter((s) => s.e.y === 0 && s.e.row.kind === 'benign-document')
    .map((s) => s.evidence)
    .sort((a, b) => b - a);
  // The prompt head is not meant to catch BIPIA's in-document requests; it is measured without them.
  const attacks = scored.filter((s) => s.e.y === 1 && (head === 'document' || s.e.row.source !== 'microsoft/BIPIA'));
  // Lowest threshold with at most floor(fpr · n) benign rows at or above it: just above the next benign score.
  const lowest = (sorted, fpr) => sorted[Math.floor(fpr * sorted.length)] + 1e-3;
  // The document head must also meet the target on benign documents alone: they are what it sees in production,
  // and the short questions that dominate the benign rows would otherwise set a threshold too low for documents.
  const thresholdFor = (fpr) =>
    Number(
      (head === 'document' ? Math.max(lowest(benign, fpr), lowest(benignDocuments, fpr)) : lowest(benign, fpr)).toFixed(3),
    );
  const thresholds = Object.fromEntries(Object.entries(FPR_TARGETS).map(([k, fpr]) => [k, thresholdFor(fpr)]));
  heads[head].thresholds = thresholds;
  const perKind = {};
  for (const s of attacks) {
    perKind[s.e.row.kind] ??= [0, 0];
    perKind[s.e.row.kind][1]++;
    if (s.evidence >= thresholds.medium) perKind[s.e.row.kind][0]++;
  }
  calibrationReport[head] = {
    ...Object.fromEntries(
      Object.entries(thresholds).map(([k, t]) => [
        k,
        {
          threshold: t,
          tpr: Number((attacks.filter((s) => s.evidence >= t).length / attacks.length).toFixed(4)),
          fpr: Number((benign.filter((b) => b >= t).length / benign.length).toFixed(4)),
          fprBenignDocuments: Number((benignDocuments.filter((b) => b >= t).length / benignDocuments.length).toFixed(4)),
        },
      ]),
    ),
    attacks: attacks.length,
    benign: benign.length,
    recallByKindAtMedium: Object.fromEntries(Object.entries(perKind).map(([k, [hit, n]]) => [k, `${hit}/${n}`])),
  };
}
file.training = {
  data: 'prompt-injection/train.jsonl (shared/datasets); test.jsonl not used',
  dataSha256: createHash('sha256').update(dataBytes).digest('hex'),
  rows: rows.length,
  fitRows: fit.length,
  calibrationRows: calibration.length,
  locatedInsertions: insertions.size,
  samples: sampleCounts,
  seed: SEED,
  epochs: EPOCHS,
  learningRate: LEARNING_RATE,
  l2: L2,
  augmentedBenignRequests: AUGMENTED_REQUESTS,
  algorithm: 'logistic regression, AdaGrad, hashed char 3-5-grams + word 1-2-grams, int8 weights',
  fprTargets: FPR_TARGETS,
  calibration: calibrationReport,
};
const json = `${JSON.stringify(file)}\n`;
writeFileSync(args.out, json);
process.stdout.write(
  `wrote ${args.out} (${(json.length / 1024).toFixed(0)} KiB): training ${trainSeconds.toFixed(1)} s, ` +
    `total ${((performance.now() - started) / 1000).toFixed(1)} s\n` +
    `fit rows ${fit.length}, calibration rows ${calibration.length}, located insertions ${insertions.size}\n` +
    `calibration: ${JSON.stringify(calibrationReport, null, 1)}\n`,
);
