/**
 * Gateway speed bench: the latency and throughput a guard gateway adds in front of an OpenAI-compatible upstream
 * that answers at once. Targets, each measured the same way with the same seeded ~1 KB chat requests:
 *   direct   the upstream itself (the baseline)
 *   portkey  @portkey-ai/gateway (its Node server, provider `openai`, custom host = the upstream)
 *   steward  `steward guard serve --policy <policy> --upstream <upstream>/v1`
 * For each: an open-loop run at a fixed rate (latency; added latency = target − direct, per percentile) and a
 * closed-loop run at high concurrency (max req/s). See README.md for what the numbers mean.
 *
 *   node bench/guard/run.mjs [--targets direct,portkey,steward] [--rate 1000] [--latency-concurrency 32]
 *        [--throughput-concurrency 64] [--duration 8] [--warmup 2] [--policy examples/guard/policy.yaml]
 *        [--requests 512] [--seed 1] [--out bench/guard/results/latest.md]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { formatReport } from './lib/report.mjs';
import { freePort, post, start, startWithHandshake, stop, usage, waitReady } from './lib/procs.mjs';
import { chatBodies } from './lib/prompts.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');

const { values: opts } = parseArgs({
  options: {
    targets: { type: 'string', default: 'direct,portkey,steward' },
    rate: { type: 'string', default: '1000' },
    'latency-concurrency': { type: 'string', default: '32' },
    'throughput-concurrency': { type: 'string', default: '64' },
    duration: { type: 'string', default: '8' },
    warmup: { type: 'string', default: '2' },
    policy: { type: 'string', default: join(repo, 'examples', 'guard', 'policy.yaml') },
    requests: { type: 'string', default: '512' },
    seed: { type: 'string', default: '1' },
    out: { type: 'string', default: join(here, 'results', 'latest.md') },
  },
});
const num = (name) => {
  const v = Number(opts[name]);
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} must be a positive number, got ${opts[name]}`);
  return v;
};
const settings = {
  targets: opts.targets.split(',').map((t) => t.trim()),
  rate: num('rate'),
  latencyConcurrency: num('latency-concurrency'),
  throughputConcurrency: num('throughput-concurrency'),
  durationMs: num('duration') * 1000,
  warmupMs: num('warmup') * 1000,
  policy: resolve(opts.policy),
  requests: num('requests'),
  seed: num('seed'),
};
for (const t of settings.targets) {
  if (!['direct', 'portkey', 'steward'].includes(t)) throw new Error(`unknown target "${t}" (direct, portkey, steward)`);
}

const work = mkdtempSync(join(os.tmpdir(), 'steward-bench-guard-'));
const { bodies, kinds } = chatBodies(settings.requests, settings.seed);
const bodiesFile = join(work, 'bodies.json');
writeFileSync(bodiesFile, JSON.stringify(bodies));
const benignBody = bodies[kinds.benign > 0 ? bodies.findIndex((b) => !/Ignore all|OVERRIDE|Forget the rules/.test(b)) : 0];
const injectionBody = bodies.find((b) => /Ignore all|OVERRIDE|Forget the rules/.test(b));
const piiBody = bodies.find((b) => /@example\.(com|org)/.test(b));

/** Runs the load generator once and returns its JSON result. */
function loadgen(url, headers, { rate, concurrency }) {
  const cfg = { url, headers, bodiesFile, concurrency, rate, durationMs: settings.durationMs, warmupMs: settings.warmupMs };
  const out = execFileSync(process.execPath, [join(here, 'lib', 'loadgen.mjs'), JSON.stringify(cfg)], {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(out.trim().split('\n').pop());
}

async function measure(name, url, headers, child, notes) {
  process.stderr.write(`  ${name}: latency at ${settings.rate} req/s… `);
  const latency = loadgen(url, headers, { rate: settings.rate, concurrency: settings.latencyConcurrency });
  process.stderr.write(`p50 ${latency.latency.p50.toFixed(3)} ms, p99 ${latency.latency.p99.toFixed(3)} ms; throughput… `);
  const before = child ? usage(child.pid) : undefined;
  const throughput = loadgen(url, headers, { concurrency: settings.throughputConcurrency });
  const after = child ? usage(child.pid) : undefined;
  process.stderr.write(`${throughput.throughput.toFixed(0)} req/s\n`);
  // CPU per request over the throughput run (warm-up included in both CPU and request counts).
  const cpuUsPerRequest = before && after ? ((after.cpuMs - before.cpuMs) * 1000) / throughput.sent : undefined;
  return { name, latency, throughput, cpuUsPerRequest, rssMb: after?.rssMb, notes };
}

async function smoke(url, headers) {
  const check = async (body) => {
    if (!body) return undefined;
    const r = await post(url, headers, body);
    let code;
    try {
      code = JSON.parse(r.body)?.error?.code;
    } catch {}
    return `${r.status}${code ? ` ${code}` : ''}`;
  };
  return { benign: await check(benignBody), pii: await check(piiBody), injection: await check(injectionBody) };
}

/** How to start Steward's gateway: the CLI when `guard serve` exists; otherwise nothing (reported). */
function stewardCommand(upstreamBase, port, auditFile) {
  const bin = join(repo, 'bin', 'steward.js');
  const help = spawnSync(process.execPath, [bin, 'guard', 'serve', '--help'], { encoding: 'utf8' });
  if (help.status !== 0) {
    return { error: `\`steward guard serve\` is not available in this build (${(help.stderr || help.stdout).trim().split('\n')[0]})` };
  }
  const text = help.stdout;
  const args = [bin, 'guard', 'serve', '--policy', settings.policy, '--upstream', upstreamBase];
  if (/--port\b/.test(text)) args.push('--port', String(port));
  if (/--host\b/.test(text)) args.push('--host', '127.0.0.1');
  else if (/--listen\b/.test(text)) args.push('--listen', `127.0.0.1:${port}`);
  if (/--audit-log\b/.test(text)) args.push('--audit-log', auditFile);
  return { command: process.execPath, args };
}

function machineFacts() {
  const cpus = os.cpus();
  const git = (args) => {
    try {
      return execFileSync('git', args, { cwd: repo, encoding: 'utf8' }).trim();
    } catch {
      return 'unknown';
    }
  };
  const portkeyPkg = join(here, 'node_modules', '@portkey-ai', 'gateway', 'package.json');
  return {
    cpu: `${cpus.length} × ${cpus[0]?.model ?? 'unknown'}`,
    memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    loadBefore: os.loadavg().map((l) => l.toFixed(2)).join(' '),
    steward: `${git(['rev-parse', '--short', 'HEAD'])}${git(['status', '--porcelain', '--', 'src']) ? ' + uncommitted changes' : ''}`,
    portkey: existsSync(portkeyPkg) ? JSON.parse(readFileSync(portkeyPkg, 'utf8')).version : 'not installed',
  };
}

async function main() {
  const facts = machineFacts();
  const results = [];
  const skipped = [];
  const { child: upstream, info } = await startWithHandshake(process.execPath, [join(here, 'lib', 'upstream.mjs')]);
  const upstreamBase = `http://127.0.0.1:${info.port}/v1`;
  const auth = { authorization: 'Bearer sk-bench-0123456789' };
  let commands = {};
  try {
    if (settings.targets.includes('direct')) {
      process.stderr.write('direct (upstream only)\n');
      const url = `${upstreamBase}/chat/completions`;
      await waitReady(url, auth, benignBody);
      results.push(await measure('direct', url, auth, undefined, {}));
    }

    if (settings.targets.includes('portkey')) {
      const entry = join(here, 'node_modules', '@portkey-ai', 'gateway', 'build', 'start-server.js');
      if (!existsSync(entry)) skipped.push({ name: 'portkey', reason: 'not installed: run `npm install` in bench/guard' });
      else {
        process.stderr.write('portkey\n');
        const port = await freePort();
        const args = [entry, `--port=${port}`, '--headless'];
        commands.portkey = `NODE_ENV=production node ${relative(repo, entry)} ${args.slice(1).join(' ')}`;
        const child = start(process.execPath, args, { env: { NODE_ENV: 'production' }, logFile: join(work, 'portkey.log') });
        try {
          const url = `http://127.0.0.1:${port}/v1/chat/completions`;
          const headers = { ...auth, 'x-portkey-provider': 'openai', 'x-portkey-custom-host': upstreamBase };
          await waitReady(url, headers, benignBody, child);
          const notes = await smoke(url, headers);
          results.push(await measure('portkey', url, headers, child, notes));
        } finally {
          await stop(child);
        }
      }
    }

    if (settings.targets.includes('steward')) {
      const port = await freePort();
      const auditFile = join(work, 'steward-audit.jsonl');
      const how = stewardCommand(upstreamBase, port, auditFile);
      if (how.error) skipped.push({ name: 'steward', reason: how.error });
      else {
        process.stderr.write('steward\n');
        commands.steward = `node ${how.args.map((a) => (a.startsWith(repo) ? relative(repo, a) : a)).join(' ')}`;
        const child = start(how.command, how.args, { logFile: join(work, 'steward.log'), cwd: repo });
        try {
          const url = `http://127.0.0.1:${port}/v1/chat/completions`;
          await waitReady(url, auth, benignBody, child);
          const notes = await smoke(url, auth);
          results.push(await measure('steward', url, auth, child, notes));
        } catch (e) {
          skipped.push({ name: 'steward', reason: `${e.message}; log: ${readFileSync(join(work, 'steward.log'), 'utf8').slice(-500)}` });
        } finally {
          await stop(child);
        }
      }
    }
  } finally {
    await stop(upstream);
  }
  facts.loadAfter = os.loadavg().map((l) => l.toFixed(2)).join(' ');
  commands = { ...commands, upstream: 'node bench/guard/lib/upstream.mjs', bench: `node bench/guard/run.mjs ${process.argv.slice(2).join(' ')}`.trim() };
  const report = formatReport({ facts, settings: { ...settings, policy: relative(repo, settings.policy), kinds }, results, skipped, commands });
  process.stdout.write(`${report.terminal}\n`);
  writeFileSync(opts.out, report.markdown);
  process.stderr.write(`\nwrote ${relative(process.cwd(), opts.out)}\n`);
  rmSync(work, { recursive: true, force: true });
}

main().catch((e) => {
  process.stderr.write(`bench failed: ${e.stack ?? e}\n`);
  process.exitCode = 1;
});
