#!/usr/bin/env node
// Prompt-injection scanner speed: µs per 1 KB prompt, one thread, after warm-up.
//
//   npm run build && node bench/guard-accuracy/injection-speed.mjs [--baseline DIR --baseline-model FILE]
//
// Workloads:
//   chat      the gateway bench's seeded 1 KB chat prompts (bench/guard/lib/prompts.mjs: 90 % benign work requests,
//             6 % with PII, 4 % injections), scanned as `user` — what the default policy sees per request
//   rows      rows of prompt-injection/test.jsonl as they are (mostly short questions), scanned as `user`
//   test      rows of prompt-injection/test.jsonl packed and cut into 1 KB pieces (attacks, encodings, documents),
//             scanned as `user` and as `document`
// Cold start: `create()` time and the first scan after it (the model must be loaded by create(), not the request).
// With --baseline (another compiled scanner folder, e.g. a build of the previous version) both run interleaved in
// one process, so a loaded machine slows both alike and the ratio stays meaningful. Writes
// results/injection-speed.md.
//
// Options: --steward DIR (default ../../dist/guard/scanners/prompt-injection)  --model FILE
//          --baseline DIR  --baseline-model FILE  --baseline-label NAME  --data DIR  --rounds N (default 20)  --out FILE
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { chatBodies } from '../guard/lib/prompts.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({
  options: {
    steward: { type: 'string', default: join(here, '..', '..', 'dist', 'guard', 'scanners', 'prompt-injection') },
    model: { type: 'string' },
    baseline: { type: 'string' },
    'baseline-model': { type: 'string' },
    'baseline-label': { type: 'string', default: 'baseline' },
    data: { type: 'string', default: join(here, '..', '..', '..', 'shared', 'datasets', 'prompt-injection') },
    rounds: { type: 'string', default: '20' },
    out: { type: 'string', default: join(here, 'results', 'injection-speed.md') },
  },
});
const ROUNDS = Number(args.rounds);
if (!Number.isInteger(ROUNDS) || ROUNDS < 1) throw new Error(`--rounds must be a positive integer, got ${args.rounds}`);
const KB = 1024;

// ---- Workloads
const chat = chatBodies(512, 1).bodies.map((b) => JSON.parse(b).messages.find((m) => m.role === 'user').content);
const testRows = readFileSync(join(args.data, 'test.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l).text);
/** Test rows joined with blank lines and cut every 1 KB: 1 KB prompts with the test split's mix of content. */
function packed(rows, count) {
  const out = [];
  let buf = '';
  for (const r of rows) {
    buf += buf ? `\n\n${r}` : r;
    while (buf.length >= KB && out.length < count) {
      out.push(buf.slice(0, KB));
      buf = buf.slice(KB);
    }
    if (out.length >= count) break;
  }
  return out;
}
const test = packed(testRows, 1000);
const rowsAsIs = testRows.slice(0, 2000);
const WORKLOADS = [
  { name: 'chat 1 KB, user', prompts: chat, role: 'user' },
  { name: 'test rows as they are, user', prompts: rowsAsIs, role: 'user' },
  { name: 'test split 1 KB, user', prompts: test, role: 'user' },
  { name: 'test split 1 KB, document', prompts: test, role: 'document' },
];

// ---- Scanners
async function loadScanner(label, dir, model) {
  const mod = await import(pathToFileURL(join(resolve(dir), 'index.js')).href);
  const factory = mod.promptInjectionScanner;
  const options = factory.options.parse(model ? { model: resolve(model) } : {});
  const t0 = performance.now();
  const scanner = factory.create(options);
  const createMs = performance.now() - t0;
  const t1 = performance.now();
  scanner.scan(chat[0], { direction: 'input', role: 'user', route: 'bench' });
  const firstUs = 1000 * (performance.now() - t1);
  return { label, scanner, createMs, firstUs };
}
const targets = [];
const BASELINE = args['baseline-label'];
if (args.baseline) targets.push(await loadScanner(BASELINE, args.baseline, args['baseline-model']));
targets.push(await loadScanner('current', args.steward, args.model));

// ---- Measurement
const ctx = (role) => ({ direction: 'input', role, route: 'bench' });
let sink = 0;
for (const t of targets) {
  // Warm-up: every prompt of every workload, three times, so the JIT has seen all paths before timing.
  for (let r = 0; r < 3; r++)
    for (const w of WORKLOADS) for (const p of w.prompts) sink += t.scanner.scan(p, ctx(w.role)).score;
}

const samples = new Map(); // `${target}|${workload}` → every timed call, µs
const fastest = new Map(); // `${target}|${workload}` → per prompt, its fastest call over the rounds, µs
for (const t of targets) {
  for (const w of WORKLOADS) {
    samples.set(`${t.label}|${w.name}`, []);
    fastest.set(`${t.label}|${w.name}`, new Float64Array(w.prompts.length).fill(Number.POSITIVE_INFINITY));
  }
}
for (let round = 0; round < ROUNDS; round++) {
  for (const w of WORKLOADS) {
    const c = ctx(w.role);
    // Alternate the order per round so neither target always runs on a hotter or colder cache.
    const order = round % 2 ? [...targets].reverse() : targets;
    for (const t of order) {
      const into = samples.get(`${t.label}|${w.name}`);
      const best = fastest.get(`${t.label}|${w.name}`);
      for (let k = 0; k < w.prompts.length; k++) {
        const t0 = process.hrtime.bigint();
        sink += t.scanner.scan(w.prompts[k], c).score;
        const us = Number(process.hrtime.bigint() - t0) / 1000;
        into.push(us);
        if (us < best[k]) best[k] = us;
      }
    }
  }
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const stats = (list) => {
  const s = Float64Array.from(list).sort();
  const mean = s.reduce((a, b) => a + b, 0) / s.length;
  return {
    n: s.length,
    mean,
    p50: quantile(s, 0.5),
    p90: quantile(s, 0.9),
    p99: quantile(s, 0.99),
    max: s[s.length - 1],
  };
};

// ---- Report
const lines = [];
lines.push('# Prompt-injection scanner speed (µs per prompt)');
lines.push('');
lines.push(
  `Machine: ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, Node ${process.version}; one thread; ` +
    `${ROUNDS} timed rounds after 3 warm-up rounds; load average at the end ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')} (other processes share the cores: compare rows of one run, not runs).`,
);
lines.push(
  `Workloads: ${chat.length} gateway-bench chat prompts (bench/guard/lib/prompts.mjs, seed 1); ${test.length} 1 KB ` +
    `pieces of prompt-injection/test.jsonl (rows packed and cut every 1,024 characters); the first ${rowsAsIs.length} ` +
    `test rows as they are (mean ${Math.round(rowsAsIs.reduce((n, r) => n + r.length, 0) / rowsAsIs.length)} characters).`,
);
lines.push('');
lines.push('Every timed call (wall clock, includes interference from other processes):');
lines.push('');
lines.push(
  `| workload | scanner | mean | p50 | p90 | p99 | max |${targets.length > 1 ? ' p50 ratio | p99 ratio |' : ''}`,
);
lines.push(`|---|---|---:|---:|---:|---:|---:|${targets.length > 1 ? '---:|---:|' : ''}`);
const f = (x) => x.toFixed(1);
for (const w of WORKLOADS) {
  const base = targets.length > 1 ? stats(samples.get(`${BASELINE}|${w.name}`)) : undefined;
  for (const t of targets) {
    const s = stats(samples.get(`${t.label}|${w.name}`));
    const ratio = base ? ` ${(s.p50 / base.p50).toFixed(2)}× | ${(s.p99 / base.p99).toFixed(2)}× |` : '';
    lines.push(
      `| ${w.name} | ${t.label} | ${f(s.mean)} | ${f(s.p50)} | ${f(s.p90)} | ${f(s.p99)} | ${f(s.max)} |${ratio}`,
    );
  }
}
lines.push('');
lines.push(
  'Per-prompt cost without interference: each prompt timed by its fastest call over the rounds (preemption and GC ' +
    'pauses of a shared machine removed; what differs between prompts, such as decoding or a detection, stays).',
);
lines.push('');
lines.push(`| workload | scanner | p50 | p90 | p99 | max |${targets.length > 1 ? ' p50 ratio | p99 ratio |' : ''}`);
lines.push(`|---|---|---:|---:|---:|---:|${targets.length > 1 ? '---:|---:|' : ''}`);
for (const w of WORKLOADS) {
  const base = targets.length > 1 ? stats(fastest.get(`${BASELINE}|${w.name}`)) : undefined;
  for (const t of targets) {
    const s = stats(fastest.get(`${t.label}|${w.name}`));
    const ratio = base ? ` ${(s.p50 / base.p50).toFixed(2)}× | ${(s.p99 / base.p99).toFixed(2)}× |` : '';
    lines.push(`| ${w.name} | ${t.label} | ${f(s.p50)} | ${f(s.p90)} | ${f(s.p99)} | ${f(s.max)} |${ratio}`);
  }
}
lines.push('');
lines.push('| scanner | create() ms (model load) | first scan µs |');
lines.push('|---|---:|---:|');
for (const t of targets) lines.push(`| ${t.label} | ${t.createMs.toFixed(1)} | ${f(t.firstUs)} |`);
lines.push('');
lines.push(
  'max is the worst single call over all rounds; on a shared machine it includes GC pauses and preemption by other ' +
    'processes, so p99 is the figure to hold against the gateway budget.',
);
const md = `${lines.join('\n')}\n`;
writeFileSync(args.out, md);
process.stdout.write(md);
if (sink === 42) process.stdout.write('\n'); // keeps the scans observable to the optimiser
