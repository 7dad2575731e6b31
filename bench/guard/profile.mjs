/**
 * Where the gateway spends its CPU: starts the upstream and Steward's gateway under `node --cpu-prof`, drives it with
 * the bench's closed-loop load generator, stops it (the profile is written on exit) and prints the functions with
 * the most self time. Not part of the report; a tool for finding the hot path.
 *
 *   node bench/guard/profile.mjs [--policy examples/guard/policy.yaml] [--duration 6] [--concurrency 64]
 *        [--workers 1] [--top 30] [--no-prof]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { freePort, start, startWithHandshake, stop, usage, waitReady } from './lib/procs.mjs';
import { chatBodies } from './lib/prompts.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');
const { values: opts } = parseArgs({
  options: {
    policy: { type: 'string', default: join(repo, 'examples', 'guard', 'policy.yaml') },
    duration: { type: 'string', default: '6' },
    concurrency: { type: 'string', default: '64' },
    workers: { type: 'string', default: '1' },
    top: { type: 'string', default: '30' },
    'no-prof': { type: 'boolean', default: false },
  },
});

const work = mkdtempSync(join(os.tmpdir(), 'steward-guard-profile-'));
const { bodies } = chatBodies(512, 1);
const bodiesFile = join(work, 'bodies.json');
writeFileSync(bodiesFile, JSON.stringify(bodies));

const { child: upstream, info } = await startWithHandshake(process.execPath, [join(here, 'lib', 'upstream.mjs')]);
const upstreamBase = `http://127.0.0.1:${info.port}/v1`;
const port = await freePort();
const nodeArgs = opts['no-prof'] ? [] : ['--cpu-prof', `--cpu-prof-dir=${work}`];
const args = [
  ...nodeArgs,
  join(repo, 'bin', 'steward.js'),
  'guard',
  'serve',
  '--policy',
  resolve(opts.policy),
  '--upstream',
  upstreamBase,
  '--port',
  String(port),
  '--audit-log',
  join(work, 'audit.jsonl'),
  ...(opts.workers === '1' ? [] : ['--workers', opts.workers]),
];
const gateway = start(process.execPath, args, { logFile: join(work, 'gateway.log'), cwd: repo });
const url = `http://127.0.0.1:${port}/v1/chat/completions`;
const headers = { authorization: 'Bearer sk-bench-0123456789' };
try {
  await waitReady(url, headers, bodies[0], gateway);
  const before = usage(gateway.pid);
  const cfg = {
    url,
    headers,
    bodiesFile,
    concurrency: Number(opts.concurrency),
    durationMs: Number(opts.duration) * 1000,
    warmupMs: 1000,
  };
  const out = execFileSync(process.execPath, [join(here, 'lib', 'loadgen.mjs'), JSON.stringify(cfg)], {
    encoding: 'utf8',
  });
  const after = usage(gateway.pid);
  const r = JSON.parse(out.trim().split('\n').pop());
  const cpu = before && after ? ((after.cpuMs - before.cpuMs) * 1000) / r.sent : Number.NaN;
  process.stdout.write(
    `${r.throughput.toFixed(0)} req/s, p50 ${r.latency.p50.toFixed(2)} ms, p99 ${r.latency.p99.toFixed(2)} ms, ` +
      `primary process CPU ${cpu.toFixed(0)} µs/req, statuses ${JSON.stringify(r.statuses)}, errors ${r.errors}, ` +
      `load ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}\n`,
  );
} finally {
  await stop(gateway);
  await stop(upstream);
}

if (!opts['no-prof']) {
  process.stdout.write(`profiles in ${work}\n`);
  for (const file of readdirSync(work).filter((f) => f.endsWith('.cpuprofile'))) {
    const profile = JSON.parse(readFileSync(join(work, file), 'utf8'));
    const self = new Map();
    const dt = profile.timeDeltas;
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    let total = 0;
    for (let i = 0; i < profile.samples.length; i++) {
      const n = byId.get(profile.samples[i]);
      const f = n.callFrame;
      const key = `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\/(dist|node_modules)\//, '$1/')}:${f.lineNumber + 1}`;
      self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0));
      total += dt[i] ?? 0;
    }
    const top = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, Number(opts.top));
    process.stdout.write(`\n${join(work, file)} (${(total / 1000).toFixed(0)} ms sampled)\n`);
    for (const [k, us] of top) process.stdout.write(`${((us / total) * 100).toFixed(1).padStart(5)}%  ${k}\n`);
  }
}
