#!/usr/bin/env node
// Prompt-injection accuracy: Steward's `prompt_injection` scanner vs npm peers on the same held-out data.
//
//   npm run build && (cd bench/guard-accuracy && npm install) && node bench/guard-accuracy/injection.mjs
//
// Data: ../shared/datasets/prompt-injection/{train,test}.jsonl. Thresholds are chosen on the benign rows of a
// calibration split of TRAIN (the same seeded split the training script uses), then TPR/FPR are reported on TEST.
// Peers that only answer yes/no get their single operating point. Writes results/injection.md.
//
// Two more benign sets, scanned as user prompts, report false positives on ordinary chat (the dataset's benign rows
// are ~90 % short factual questions): the held-out chat prompts of injection-benign-chat.mjs (never used for training
// or thresholds) and the seeded 1 KB work requests of the gateway bench (bench/guard/lib/prompts.mjs).
//
// Options: --steward DIR (compiled scanner folder; default ../../dist/guard/scanners/prompt-injection)
//          --baseline DIR (another compiled scanner folder, e.g. a build of the previous version, reported as extra
//          rows; it loads the model its own package root holds)
//          --data DIR (default ../../../shared/datasets/prompt-injection)  --fpr 0.01
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({
  options: {
    steward: { type: 'string', default: join(here, '..', '..', 'dist', 'guard', 'scanners', 'prompt-injection') },
    data: { type: 'string', default: join(here, '..', '..', '..', 'shared', 'datasets', 'prompt-injection') },
    fpr: { type: 'string', default: '0.01' },
    baseline: { type: 'string' },
  },
});
const TARGET_FPR = Number(args.fpr);
const load = (file, dir = args.steward) => import(pathToFileURL(join(resolve(dir), file)).href);
const { promptInjectionScanner } = await load('index.js');
const { normalise } = await load('normalise.js');
const { LLMGuard } = (await import('llm-guard')).default ?? (await import('llm-guard'));
const { vard } = await import('@andersmyrmel/vard');
const { benignChatHeldOut } = await import('./injection-benign-chat.mjs');
const { chatBodies } = await import('../guard/lib/prompts.mjs');

const readJsonl = (f) =>
  readFileSync(join(args.data, f), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
const train = readJsonl('train.jsonl');
const test = readJsonl('test.jsonl');
// Same calibration split as scripts/train-injection-model.mjs for benign rows (each benign row is its own group).
const isCalibration = (text) =>
  createHash('sha256')
    .update(`steward-calibration:42:${normalise(text).text}`)
    .digest()
    .readUInt32BE(0) /
    0xffffffff <
  0.2;
const calibrationBenign = train.filter((r) => r.label === 'benign' && isCalibration(r.text));
const isAttack = (r) => r.label !== 'benign';
/** BIPIA rows are documents (e-mails, tables, code answers), clean or injected alike: the gateway's `document` role. */
const isDocument = (r) => r.source === 'microsoft/BIPIA';

// ---- Detectors: each returns a number (higher = more suspicious) and a yes/no at its own default setting.
const scanner = promptInjectionScanner.create(promptInjectionScanner.options.parse({}));
const ctx = (role) => ({ direction: 'input', role, route: 'bench' });
/** Evidence above the head's own threshold: ≥ 0 is the shipped default decision (score ≥ 0.5). */
const marginOf = (s) => (text, role) => {
  const r = s.scan(text, ctx(role));
  return { value: r.details.evidence - r.details.threshold, flagged: r.score >= 0.5 };
};
const stewardMargin = marginOf(scanner);
const baseline = args.baseline
  ? await (async () => {
      const { promptInjectionScanner: f } = await load('index.js', args.baseline);
      return marginOf(f.create(f.options.parse({})));
    })()
  : undefined;
const llmGuard = new LLMGuard({
  pii: false,
  profanity: false,
  toxicity: false,
  relevance: false,
  jailbreak: true,
  promptInjection: true,
});
// vard: strict preset at threshold 0 reports every threat; the highest severity is its score. Its shipped default
// (`vard.safe`, moderate preset) gives the yes/no.
const vardAll = vard.strict().threshold(0).maxLength(1e6);
const vardScore = (text) => {
  const r = vardAll.safeParse(text);
  return r.safe ? 0 : Math.max(0, ...r.threats.map((t) => t.severity));
};

const detectors = [
  {
    name: 'Steward prompt_injection (every row as a user prompt)',
    short: 'steward',
    run: (r) => stewardMargin(r.text, 'user'),
  },
  {
    name: 'Steward prompt_injection (BIPIA documents scanned as `document`)',
    short: 'steward-roles',
    run: (r) => stewardMargin(r.text, isDocument(r) ? 'document' : 'user'),
  },
  ...(baseline
    ? [
        {
          name: 'Steward, previous version (every row as a user prompt)',
          short: 'steward-before',
          run: (r) => baseline(r.text, 'user'),
        },
        {
          name: 'Steward, previous version (BIPIA documents scanned as `document`)',
          short: 'steward-before-roles',
          run: (r) => baseline(r.text, isDocument(r) ? 'document' : 'user'),
        },
      ]
    : []),
  {
    name: 'vard 1.2.0 (@andersmyrmel/vard)',
    short: 'vard',
    run: (r) => ({ value: vardScore(r.text), flagged: !vard.safe(r.text).safe }),
  },
  {
    name: 'llm-guard 0.1.9 (npm; jailbreak + promptInjection guards)',
    short: 'llm-guard',
    async: true,
    run: async (r) => {
      const v = await llmGuard.validate(r.text);
      return { value: v.isValid ? 0 : 1, flagged: !v.isValid };
    },
    booleanOnly: true,
  },
];

async function evaluate(d, rows) {
  const out = [];
  for (const r of rows) out.push({ r, ...(d.async ? await d.run(r) : d.run(r)) });
  return out;
}

/** Lowest threshold keeping the calibration FPR ≤ target: just above the (floor(target·n)+1)-th highest benign. */
function chooseThreshold(values) {
  const sorted = [...values].sort((a, b) => b - a);
  const k = Math.floor(TARGET_FPR * sorted.length);
  const t = sorted[k];
  return t === undefined ? Number.NEGATIVE_INFINITY : nextUp(t);
}
const nextUp = (x) => x + Math.max(1e-9, Math.abs(x) * 1e-12);
const pct = (x) => `${(100 * x).toFixed(1)} %`;
const rate = (list, pred) => (list.length ? list.filter(pred).length / list.length : Number.NaN);

const KINDS = ['direct', 'indirect', 'obfuscated', 'roleplay', 'prompt-extraction'];
const heldOutChat = benignChatHeldOut().map((x) => ({ ...x, kind: 'chat', label: 'benign' }));
const chatCategories = [...new Set(heldOutChat.map((x) => x.category))];
const INJECTION_MARKERS = /Ignore all|OVERRIDE|Forget the rules/;
const gatewayBenign = chatBodies(512, 1)
  .bodies.map((b) => JSON.parse(b).messages.find((m) => m.role === 'user').content)
  .filter((text) => !INJECTION_MARKERS.test(text))
  .map((text) => ({ text, kind: 'gateway', label: 'benign' }));
const results = [];
for (const d of detectors) {
  process.stderr.write(`${d.short}: calibrating on ${calibrationBenign.length} benign train rows…\n`);
  const cal = await evaluate(d, calibrationBenign);
  const threshold = d.booleanOnly ? 1 : chooseThreshold(cal.map((x) => x.value));
  process.stderr.write(`${d.short}: scoring ${test.length} test rows…\n`);
  // Warm-up, then timed pass over the test set.
  await evaluate(d, test.slice(0, 200));
  const times = [];
  const scored = [];
  const started = performance.now();
  for (const r of test) {
    const t0 = performance.now();
    const res = d.async ? await d.run(r) : d.run(r);
    times.push(performance.now() - t0);
    scored.push({ r, ...res });
  }
  const totalMs = performance.now() - started;
  // Ordinary chat, as user prompts: the held-out generated set and the gateway bench's 1 KB requests.
  const chat = await evaluate(d, heldOutChat);
  const gateway = await evaluate(d, gatewayBenign);
  times.sort((a, b) => a - b);
  const attacks = scored.filter((x) => isAttack(x.r));
  const benign = scored.filter((x) => !isAttack(x.r));
  const atCal = (x) => x.value >= threshold;
  const atDefault = (x) => x.flagged;
  const kindRecall = (pred) =>
    Object.fromEntries(
      KINDS.map((k) => [
        k,
        rate(
          attacks.filter((x) => x.r.kind === k),
          pred,
        ),
      ]),
    );
  const benignFpr = (pred) =>
    Object.fromEntries(
      ['benign-general', 'benign-hard', 'benign-document'].map((k) => [
        k,
        rate(
          benign.filter((x) => x.r.kind === k),
          pred,
        ),
      ]),
    );
  // The test set's own ROC at FPR ≤ 1 %: how well the scores separate, with the threshold read off test's benign
  // rows (a measure, not a setting anyone could ship). A boolean detector has one point: its own, if FPR ≤ 1 %.
  const rocThreshold = d.booleanOnly ? 1 : chooseThreshold(benign.map((x) => x.value));
  const atRoc = (x) => x.value >= rocThreshold;
  const roc = { tpr: rate(attacks, atRoc), fpr: rate(benign, atRoc) };
  if (roc.fpr > TARGET_FPR) roc.tpr = Number.NaN;
  results.push({
    d,
    threshold,
    roc,
    calFpr: rate(cal, atCal),
    cal: { tpr: rate(attacks, atCal), fpr: rate(benign, atCal), kinds: kindRecall(atCal), benign: benignFpr(atCal) },
    def: {
      tpr: rate(attacks, atDefault),
      fpr: rate(benign, atDefault),
      kinds: kindRecall(atDefault),
      benign: benignFpr(atDefault),
    },
    latency: {
      meanUs: (1000 * totalMs) / test.length,
      p50Us: 1000 * times[Math.floor(times.length * 0.5)],
      p99Us: 1000 * times[Math.floor(times.length * 0.99)],
      perSecond: (test.length / totalMs) * 1000,
    },
    attacks: attacks.length,
    benignRows: benign.length,
    chat: {
      def: rate(chat, atDefault),
      cal: rate(chat, atCal),
      byCategory: Object.fromEntries(
        chatCategories.map((c) => [
          c,
          rate(
            chat.filter((x) => x.r.category === c),
            atDefault,
          ),
        ]),
      ),
    },
    gateway: { def: rate(gateway, atDefault), cal: rate(gateway, atCal) },
  });
}

// ---- Report
const lines = [];
const meanChars = Math.round(test.reduce((n, r) => n + r.text.length, 0) / test.length);
lines.push('# Prompt-injection detection: Steward vs npm peers');
lines.push('');
lines.push(
  `Test: \`prompt-injection/test.jsonl\` — ${results[0].attacks} attacks, ${results[0].benignRows} benign, mean ${meanChars} chars. ` +
    `Thresholds for "TPR @ FPR ≤ ${pct(TARGET_FPR)}" chosen on ${calibrationBenign.length} benign rows of a calibration ` +
    'split of train.jsonl, then applied unchanged to test. Boolean-only detectors have one operating point.',
);
lines.push(
  `Machine: ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, Node ${process.version}; one thread, ` +
    'latency per prompt includes the whole scan (Steward: normalise, decode, heuristics, classifier). ' +
    `Load average at the end of the run: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')} (latency is only comparable between rows of one run).`,
);
lines.push('');
lines.push('## Operating point chosen on train calibration (target FPR ≤ 1 %)');
lines.push('');
lines.push(
  '| detector | TPR | FPR | ratio TPR vs best peer | cal FPR | ' +
    KINDS.join(' | ') +
    ' | FPR benign-hard | FPR benign-document |',
);
lines.push(`|---|---:|---:|---:|---:|${KINDS.map(() => '---:').join('|')}|---:|---:|`);
const bestPeerTpr = Math.max(...results.filter((x) => !x.d.short.startsWith('steward')).map((x) => x.cal.tpr));
for (const x of results) {
  lines.push(
    `| ${x.d.name}${x.d.booleanOnly ? ' (boolean)' : ''} | ${pct(x.cal.tpr)} | ${pct(x.cal.fpr)} | ${(x.cal.tpr / bestPeerTpr).toFixed(2)}× | ${pct(x.calFpr)} | ` +
      KINDS.map((k) => pct(x.cal.kinds[k])).join(' | ') +
      ` | ${pct(x.cal.benign['benign-hard'])} | ${pct(x.cal.benign['benign-document'])} |`,
  );
}
lines.push('');
lines.push('## TPR at FPR ≤ 1 % on the test ROC');
lines.push('');
lines.push(
  "Each detector's threshold read off the test set's own benign rows (the highest that keeps test FPR ≤ 1 %): how " +
    'well its scores separate attacks from benign rows, not a setting tuned for shipping (the operating points above ' +
    'and below are). A boolean detector has one point, shown only if its FPR is ≤ 1 %.',
);
lines.push('');
lines.push('| detector | TPR @ test FPR ≤ 1 % | FPR |');
lines.push('|---|---:|---:|');
for (const x of results)
  lines.push(
    `| ${x.d.name}${x.d.booleanOnly ? ' (boolean)' : ''} | ${Number.isNaN(x.roc.tpr) ? 'n/a' : pct(x.roc.tpr)} | ${pct(x.roc.fpr)} |`,
  );
lines.push('');
lines.push('## Shipped defaults (Steward: score ≥ 0.5, sensitivity medium; vard: `vard.safe`, moderate preset)');
lines.push('');
lines.push(
  `| detector | TPR | FPR | ${KINDS.join(' | ')} | FPR benign-general | FPR benign-hard | FPR benign-document |`,
);
lines.push(`|---|---:|---:|${KINDS.map(() => '---:').join('|')}|---:|---:|---:|`);
for (const x of results) {
  lines.push(
    `| ${x.d.name} | ${pct(x.def.tpr)} | ${pct(x.def.fpr)} | ` +
      KINDS.map((k) => pct(x.def.kinds[k])).join(' | ') +
      ` | ${pct(x.def.benign['benign-general'])} | ${pct(x.def.benign['benign-hard'])} | ${pct(x.def.benign['benign-document'])} |`,
  );
}
lines.push('');
lines.push('## False positives on ordinary chat (scanned as user prompts)');
lines.push('');
lines.push(
  `Held-out chat: ${heldOutChat.length} distinct prompts from bench/guard-accuracy/injection-benign-chat.mjs (seed 7; ` +
    'templates and vocabulary separate from the trainer, never used for training or thresholds). Gateway 1 KB: the ' +
    `${gatewayBenign.length} benign seeded work requests of the gateway bench (bench/guard/lib/prompts.mjs, seed 1).`,
);
lines.push('');
lines.push(
  `| detector | held-out chat FPR (default) | held-out chat FPR (cal.) | gateway 1 KB FPR (default) | ${chatCategories.join(' | ')} |`,
);
lines.push(`|---|---:|---:|---:|${chatCategories.map(() => '---:').join('|')}|`);
for (const x of results.filter((r) => !r.d.short.endsWith('roles'))) {
  lines.push(
    `| ${x.d.name.replace(' (every row as a user prompt)', '')} | ${pct(x.chat.def)} | ${pct(x.chat.cal)} | ${pct(x.gateway.def)} | ` +
      `${chatCategories.map((c) => pct(x.chat.byCategory[c])).join(' | ')} |`,
  );
}
lines.push('');
lines.push('Per-category columns are at the default setting.');
lines.push('');
lines.push('## Latency and throughput (one thread, test set)');
lines.push('');
lines.push('| detector | mean µs/prompt | p50 µs | p99 µs | prompts/s |');
lines.push('|---|---:|---:|---:|---:|');
for (const x of results) {
  const l = x.latency;
  lines.push(
    `| ${x.d.name} | ${l.meanUs.toFixed(0)} | ${l.p50Us.toFixed(0)} | ${l.p99Us.toFixed(0)} | ${l.perSecond.toFixed(0)} |`,
  );
}
lines.push('');
lines.push(
  'Notes: "BIPIA documents scanned as `document`" uses the role the gateway gives retrieved content and tool ' +
    'results; BIPIA rows are e-mails/tables/code answers, clean (benign-document) and injected (indirect) alike, so ' +
    "the role comes from the source, not the label. The dataset's benign rows are mostly short questions: FPR on " +
    'long chat prompts and documents in real traffic will be higher than measured here (see docs/guard-scanners-injection.md).',
);
const md = `${lines.join('\n')}\n`;
writeFileSync(join(here, 'results', 'injection.md'), md);
process.stdout.write(md);
