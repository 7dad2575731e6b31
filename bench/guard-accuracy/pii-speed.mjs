#!/usr/bin/env node
// One tool's PII throughput in a fresh process (clean heap, no JIT state from other tools), called by pii.mjs:
//   node pii-speed.mjs --tool steward|steward-names|redact-pii|openredaction --mb 10 [--passes 4] [--dist ../../dist]
// Prints one JSON line: { tool, mb, rows, cpu, wall, cold, warm, passes }. `passes` lists every timed pass over the
// corpus. `cold` is the first: V8 is still optimising the tool's code during it (~40k calls are not enough to tier
// every function up). `warm` is the median of the later passes, the steady state of a long-running process; cpu/wall
// are warm's (cold's with --passes 1). CPU time is user + system of this process (JS runs on one thread; V8's
// compiler and GC helper threads are counted too, so it is an upper bound on the scanning thread's time).
// Report mode: node pii-speed.mjs --report results/pii-speed.md [--mb 10] [--peer-mb 2] runs every tool in its own
// child process and writes a markdown table.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { mixedCorpus } from './lib/pii-corpus.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({
  options: {
    tool: { type: 'string' },
    mb: { type: 'string', default: '10' },
    'peer-mb': { type: 'string' },
    passes: { type: 'string', default: '1' },
    report: { type: 'string' },
    dist: { type: 'string', default: join(here, '..', '..', 'dist') },
    data: { type: 'string', default: join(here, '..', '..', '..', 'shared', 'datasets') },
  },
});

async function makeTool(name) {
  const ctx = { direction: 'input', role: 'user', route: 'default' };
  if (name === 'steward' || name === 'steward-names') {
    const { createPiiScanner, DEFAULT_PII_ENTITIES } = await import(
      pathToFileURL(`${resolve(args.dist)}/guard/scanners/pii/index.js`).href
    );
    const s = createPiiScanner(name === 'steward' ? {} : { entities: [...DEFAULT_PII_ENTITIES, 'PERSON', 'LOCATION'] });
    return { call: (t) => s.scan(t, ctx) };
  }
  if (name === 'redact-pii') {
    const { SyncRedactor } = await import('redact-pii');
    const r = new SyncRedactor();
    return { call: (t) => r.redact(t) };
  }
  if (name === 'openredaction') {
    const { OpenRedaction } = await import('openredaction');
    const r = new OpenRedaction();
    return { call: (t) => r.detect(t), async: true };
  }
  throw new Error(`unknown --tool ${name}`);
}

if (args.report) {
  await report(args.report);
  process.exit(0);
}

const tool = await makeTool(args.tool);
const { rows, bytes } = mixedCorpus(args.data, Number(args.mb));
// Warm-up: one untimed pass over the first ~1 MB, so V8 has compiled and tiered up every regex and function.
for (let i = 0, warm = 0; i < rows.length && warm < 1e6; i++) {
  await tool.call(rows[i]);
  warm += rows[i].length;
}
// Building the corpus (JSON parsing, synthetic rows) leaves ~30 MB of garbage; collect it now so that its GC work
// is not billed to whichever tool runs first. Every tool gets the same treatment.
setFlagsFromString('--expose-gc');
runInNewContext('gc')();
const passes = [];
for (let p = 0; p < Number(args.passes); p++) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  if (tool.async) for (const r of rows) await tool.call(r);
  else for (const r of rows) tool.call(r);
  const wall = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  passes.push({ cpu: (c.user + c.system) / 1e6, wall });
}
const cold = passes[0];
const warm = passes.length > 1 ? medianPass(passes.slice(1)) : cold;
process.stdout.write(
  `${JSON.stringify({ tool: args.tool, mb: bytes / 1e6, rows: rows.length, cpu: warm.cpu, wall: warm.wall, cold, warm, passes })}\n`,
);

/** The pass of median CPU time. */
function medianPass(list) {
  return [...list].sort((a, b) => a.cpu - b.cpu)[Math.floor(list.length / 2)];
}

/** Runs every tool in a fresh child process and writes the markdown table to `file`. */
async function report(file) {
  const runs = [
    ['steward', 'steward (default entities)', args.mb, args.passes === '1' ? '6' : args.passes],
    ['steward-names', 'steward (+ PERSON/LOCATION model)', args.mb, '3'],
    ['redact-pii', 'redact-pii (default)', args['peer-mb'] ?? args.mb, '2'],
    ['openredaction', 'openredaction (default)', args['peer-mb'] ?? args.mb, '2'],
  ];
  const load = [loadavg()[0]];
  const results = runs.map(([name, label, mb, passes]) => {
    process.stderr.write(`[pii-speed] ${label}: ${mb} MB × ${passes} passes\n`);
    const out = execFileSync(
      process.execPath,
      [
        fileURLToPath(import.meta.url),
        '--tool',
        name,
        '--mb',
        mb,
        '--passes',
        passes,
        '--dist',
        args.dist,
        '--data',
        args.data,
      ],
      { encoding: 'utf8', maxBuffer: 1 << 20 },
    );
    load.push(loadavg()[0]);
    return { label, ...JSON.parse(out.trim().split('\n').pop()) };
  });
  const rowsOut = results.map((r) => ({
    ...r,
    coldMbps: r.mb / r.cold.cpu,
    warmMbps: r.mb / r.warm.cpu,
    wallMbps: r.mb / r.warm.wall,
  }));
  const base = rowsOut[0].warmMbps;
  const lines = [
    '# PII scanner throughput (single thread)',
    '',
    `Generated by \`node bench/guard-accuracy/pii-speed.mjs --report ${file}${args['peer-mb'] ? ` --peer-mb ${args['peer-mb']}` : ''}\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; ${cpus()[0]?.model ?? 'cpu'} ×${cpus().length}, Node ${process.version}. Machine load average (1 min) before and after each tool: ${load.map((l) => l.toFixed(1)).join(' → ')} (other work shares the 2 cores: wall-clock MB/s is slowed by it, CPU-time MB/s much less).`,
    '',
    `Corpus: lib/pii-corpus.mjs, synthetic rows + NER test sentences + every prompt-injection train/test text, cycled row by row (UTF-8 MB, one scan call per row, as a guard scans each prompt). Each tool runs in its own fresh process: warm-up on ~1 MB, one forced GC (the corpus build's garbage), then timed passes over the whole corpus. CPU time = user + system of the process (includes V8's compiler/GC helper threads). "Cold" is the first timed pass: V8 is still optimising the tool's code (in a --no-opt run every pass stays at about that speed) and Steward's phone-exchange cache is filling. "Warm" is the median of the later passes, the steady state of a long-running gateway. Steward build: \`${args.dist}\`.`,
    '',
    '| tool | MB × passes | MB/s CPU, cold (1st pass) | MB/s CPU, warm (median of later passes) | MB/s wall, warm | Steward default ÷ tool (warm CPU) |',
    '|---|---:|---:|---:|---:|---:|',
    ...rowsOut.map(
      (r) =>
        `| ${r.label} | ${r.mb.toFixed(1)} × ${r.passes.length} | ${r.coldMbps.toFixed(1)} | ${r.warmMbps.toFixed(1)} | ${r.wallMbps.toFixed(1)} | ${(base / r.warmMbps).toFixed(1)}× |`,
    ),
    '',
  ];
  writeFileSync(file, `${lines.join('\n')}\n`);
  process.stdout.write(`${lines.join('\n')}\n`);
}
