#!/usr/bin/env node
// Generate the benchmark corpus: node bench/posture/generate.mjs --count 10000 --out bench/posture/.corpus [--seed 1]

import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureCorpus } from './lib/corpus.mjs';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '10000' },
    out: { type: 'string', default: new URL('.corpus', import.meta.url).pathname },
    seed: { type: 'string', default: '1' },
    force: { type: 'boolean', default: false },
  },
});

const count = Number(values.count);
const seed = Number(values.seed);
if (!Number.isInteger(count) || count < 1 || !Number.isInteger(seed)) {
  process.stderr.write('usage: generate.mjs --count <n ≥ 1> [--out <dir>] [--seed <int>] [--force]\n');
  process.exit(2);
}
const out = resolve(values.out);
const started = performance.now();
const info = ensureCorpus({
  count,
  seed,
  out,
  force: values.force,
  onProgress: process.stderr.isTTY ? (done, total) => process.stderr.write(`\rgenerated ${done}/${total}`) : undefined,
});
if (process.stderr.isTTY) process.stderr.write('\n');
const verb = info.reused ? 'reused' : 'generated';
process.stdout.write(
  `${verb} ${info.count} templates, ${info.resources} resources (seed ${info.seed}) in ${out} ` +
    `[${((performance.now() - started) / 1000).toFixed(1)} s]\n`,
);
