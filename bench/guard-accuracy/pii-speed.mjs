#!/usr/bin/env node
// One tool's PII throughput in a fresh process (clean heap, no JIT state from other tools), called by pii.mjs:
//   node pii-speed.mjs --tool steward|steward-names|redact-pii|openredaction --mb 10 [--dist ../../dist]
// Prints one JSON line: { tool, mb, cpu, wall }. CPU time is user + system of this process (single thread of JS).
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { mixedCorpus } from './lib/pii-corpus.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({
  options: {
    tool: { type: 'string' },
    mb: { type: 'string', default: '10' },
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

const tool = await makeTool(args.tool);
const { rows, bytes } = mixedCorpus(args.data, Number(args.mb));
// Warm-up: one untimed pass over the first ~1 MB, so V8 has compiled and tiered up every regex and function.
for (let i = 0, warm = 0; i < rows.length && warm < 1e6; i++) {
  await tool.call(rows[i]);
  warm += rows[i].length;
}
const c0 = process.cpuUsage();
const t0 = performance.now();
if (tool.async) for (const r of rows) await tool.call(r);
else for (const r of rows) tool.call(r);
const wall = (performance.now() - t0) / 1000;
const c = process.cpuUsage(c0);
process.stdout.write(
  `${JSON.stringify({ tool: args.tool, mb: bytes / 1e6, rows: rows.length, cpu: (c.user + c.system) / 1e6, wall })}\n`,
);
