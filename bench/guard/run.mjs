/**
 * Gateway speed bench: the latency and throughput a guard gateway adds in front of an OpenAI-compatible upstream
 * that answers at once. Targets, each measured the same way with the same seeded ~1 KB chat requests:
 *   direct   the upstream itself (the baseline)
 *   portkey  @portkey-ai/gateway (its Node server, provider `openai`, custom host = the upstream)
 *   steward  `steward guard serve --policy <policy> --upstream <upstream>/v1`
 * All targets are started first; then each gets a closed-loop run at high concurrency (max req/s), then an open-loop
 * run at one fixed rate for all (latency; added latency = target − direct, per percentile). `--rate auto` (default)
 * uses half the slowest target's max req/s, so no target is measured saturated. See README.md.
 *
 *   node bench/guard/run.mjs [--targets direct,portkey,steward] [--rate auto|<req/s>] [--latency-concurrency 32]
 *        [--throughput-concurrency 64] [--duration 8] [--warmup 2] [--policy examples/guard/policy.yaml]
 *        [--requests 512] [--seed 1] [--steward-workers 1] [--out bench/guard/results/latest.md]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { freePort, post, start, startWithHandshake, stop, usage, waitReady } from './lib/procs.mjs';
import { chatBodies } from './lib/prompts.mjs';
import { formatReport } from './lib/report.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');

const { values: opts } = parseArgs({
  options: {
    targets: { type: 'string', default: 'direct,portkey,steward' },
    rate: { type: 'string', default: 'auto' },
    'latency-concurrency': { type: 'string', default: '32' },
    'throughput-concurrency': { type: 'string', default: '64' },
    duration: { type: 'string', default: '8' },
    warmup: { type: 'string', default: '2' },
    policy: { type: 'string', default: join(repo, 'examples', 'guard', 'policy.yaml') },
    requests: { type: 'string', default: '512' },
    seed: { type: 'string', default: '1' },
    out: { type: 'string', default: join(here, 'results', 'latest.md') },
    'steward-workers': { type: 'string', default: '1' },
  },
});
const num = (name) => {
  const v = Number(opts[name]);
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} must be a positive number, got ${opts[name]}`);
  return v;
};
const settings = {
  targets: opts.targets.split(',').map((t) => t.trim()),
  rate: opts.rate === 'auto' ? 'auto' : num('rate'),
  latencyConcurrency: num('latency-concurrency'),
  throughputConcurrency: num('throughput-concurrency'),
  durationMs: num('duration') * 1000,
  warmupMs: num('warmup') * 1000,
  policy: resolve(opts.policy),
  requests: num('requests'),
  seed: num('seed'),
  stewardWorkers: num('steward-workers'),
};
for (const t of settings.targets) {
  if (!['direct', 'portkey', 'steward'].includes(t))
    throw new Error(`unknown target "${t}" (direct, portkey, steward)`);
}

const work = mkdtempSync(join(os.tmpdir(), 'steward-bench-guard-'));
const { bodies, kinds } = chatBodies(settings.requests, settings.seed);
const bodiesFile = join(work, 'bodies.json');
writeFileSync(bodiesFile, JSON.stringify(bodies));
const benignBody =
  bodies[kinds.benign > 0 ? bodies.findIndex((b) => !/Ignore all|OVERRIDE|Forget the rules/.test(b)) : 0];
const injectionBody = bodies.find((b) => /Ignore all|OVERRIDE|Forget the rules/.test(b));
const piiBody = bodies.find((b) => /@example\.(com|org)/.test(b));

/** Runs the load generator once and returns its JSON result. */
function loadgen(url, headers, { rate, concurrency }) {
  const cfg = {
    url,
    headers,
    bodiesFile,
    concurrency,
    rate,
    durationMs: settings.durationMs,
    warmupMs: settings.warmupMs,
  };
  const out = execFileSync(process.execPath, [join(here, 'lib', 'loadgen.mjs'), JSON.stringify(cfg)], {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(out.trim().split('\n').pop());
}

/** Closed loop at high concurrency: the target's maximum req/s, with the gateway process's CPU per request. */
function measureThroughput(target) {
  process.stderr.write(`  ${target.name}: throughput with ${settings.throughputConcurrency} connections… `);
  // For `direct` this is the upstream's own cost: the baseline price of one HTTP exchange on this machine.
  const pid = target.child?.pid ?? target.pid;
  const before = pid ? usage(pid) : undefined;
  const throughput = loadgen(target.url, target.headers, { concurrency: settings.throughputConcurrency });
  const after = pid ? usage(pid) : undefined;
  process.stderr.write(
    `${throughput.throughput.toFixed(0)} req/s${throughput.errors ? ` (${throughput.errors} errors: ${throughput.lastError})` : ''}\n`,
  );
  // CPU per request over the whole run (warm-up included in both the CPU time and the request count).
  const cpuUsPerRequest = before && after ? ((after.cpuMs - before.cpuMs) * 1000) / throughput.sent : undefined;
  return { throughput, cpuUsPerRequest, rssMb: after?.rssMb };
}

/** Open loop at a fixed rate: per-request latency below saturation. */
function measureLatency(target, rate) {
  process.stderr.write(`  ${target.name}: latency at ${rate} req/s… `);
  const latency = loadgen(target.url, target.headers, { rate, concurrency: settings.latencyConcurrency });
  const f = (v) => (Number.isFinite(v) ? v.toFixed(3) : '—');
  process.stderr.write(`p50 ${f(latency.latency.p50)} ms, p99 ${f(latency.latency.p99)} ms`);
  if (latency.errors) process.stderr.write(` (${latency.errors} errors: ${latency.lastError})`);
  process.stderr.write('\n');
  return latency;
}

/** `--rate auto`: half the slowest target's maximum, in steps of 50 req/s, so no target is measured while saturated. */
function pickRate(targets) {
  if (settings.rate !== 'auto') return settings.rate;
  const slowest = Math.min(...targets.map((t) => t.measured.throughput.throughput));
  return Math.max(50, Math.floor(slowest / 2 / 50) * 50);
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

/**
 * How to start Steward's gateway: `steward guard serve` when the CLI has it; otherwise the same gateway from the built
 * library (lib/steward-launcher.mjs), labelled as such in the report.
 */
function stewardCommand(upstreamBase, port, auditFile) {
  const bin = join(repo, 'bin', 'steward.js');
  const help = spawnSync(process.execPath, [bin, 'guard', 'serve', '--help'], { encoding: 'utf8' });
  const text = help.stdout ?? '';
  if (help.status === 0 && /--upstream\b/.test(text)) {
    const args = [bin, 'guard', 'serve', '--policy', settings.policy, '--upstream', upstreamBase];
    if (/--port\b/.test(text)) args.push('--port', String(port));
    if (/--host\b/.test(text)) args.push('--host', '127.0.0.1');
    else if (/--listen\b/.test(text)) args.push('--listen', `127.0.0.1:${port}`);
    if (/--audit-log\b/.test(text)) args.push('--audit-log', auditFile);
    if (settings.stewardWorkers > 1) args.push('--workers', String(settings.stewardWorkers));
    return { command: process.execPath, args, via: 'cli' };
  }
  if (settings.stewardWorkers > 1) return { error: '--steward-workers needs `steward guard serve --workers`' };
  if (existsSync(join(repo, 'dist', 'guard', 'gateway', 'index.js'))) {
    const launcher = join(here, 'lib', 'steward-launcher.mjs');
    return {
      command: process.execPath,
      args: [launcher, settings.policy, upstreamBase, String(port), auditFile],
      via: 'library',
    };
  }
  return { error: '`steward guard serve` is not in this build and dist/guard/gateway is missing: run `npm run build`' };
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
    loadBefore: os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' '),
    steward: `${git(['rev-parse', '--short', 'HEAD'])}${git(['status', '--porcelain', '--', 'src']) ? ' + uncommitted changes' : ''}`,
    portkey: existsSync(portkeyPkg) ? JSON.parse(readFileSync(portkeyPkg, 'utf8')).version : 'not installed',
  };
}

async function main() {
  const facts = machineFacts();
  const skipped = [];
  const remarks = [];
  const commands = {};
  const { child: upstream, info } = await startWithHandshake(process.execPath, [join(here, 'lib', 'upstream.mjs')]);
  const upstreamBase = `http://127.0.0.1:${info.port}/v1`;
  const auth = { authorization: 'Bearer sk-bench-0123456789' };
  const targets = [];
  let rate;
  try {
    // Start every gateway first (idle ones cost no CPU), so all runs of a phase happen close together in time.
    if (settings.targets.includes('direct')) {
      targets.push({
        name: 'direct',
        pid: upstream.pid,
        url: `${upstreamBase}/chat/completions`,
        headers: auth,
        notes: {},
      });
    }
    if (settings.targets.includes('portkey')) {
      const entry = join(here, 'node_modules', '@portkey-ai', 'gateway', 'build', 'start-server.js');
      if (!existsSync(entry)) skipped.push({ name: 'portkey', reason: 'not installed: run `npm ci` in bench/guard' });
      else {
        const port = await freePort();
        const args = [entry, `--port=${port}`, '--headless'];
        commands.portkey = `NODE_ENV=production node ${relative(repo, entry)} ${args.slice(1).join(' ')}`;
        const child = start(process.execPath, args, {
          env: { NODE_ENV: 'production' },
          logFile: join(work, 'portkey.log'),
        });
        targets.push({
          name: 'portkey',
          child,
          url: `http://127.0.0.1:${port}/v1/chat/completions`,
          headers: { ...auth, 'x-portkey-provider': 'openai', 'x-portkey-custom-host': upstreamBase },
          log: join(work, 'portkey.log'),
        });
      }
    }
    if (settings.targets.includes('steward')) {
      const port = await freePort();
      const how = stewardCommand(upstreamBase, port, join(work, 'steward-audit.jsonl'));
      if (how.error) skipped.push({ name: 'steward', reason: how.error });
      else {
        commands.steward = `node ${how.args.map((a) => (a.startsWith(repo) ? relative(repo, a) : a)).join(' ')}`;
        if (settings.stewardWorkers > 1) {
          remarks.push(
            `Steward ran with \`--workers ${settings.stewardWorkers}\` (node:cluster); its CPU and RSS columns add up the primary and its workers. The workers share the machine's cores with the load generator and the upstream.`,
          );
        }
        if (how.via === 'library') {
          remarks.push(
            'Steward ran through lib/steward-launcher.mjs (createGateway from dist/ with the options `guard serve` passes): the CLI had no `guard serve` yet.',
          );
        }
        const child = start(how.command, how.args, { logFile: join(work, 'steward.log'), cwd: repo });
        targets.push({
          name: 'steward',
          child,
          url: `http://127.0.0.1:${port}/v1/chat/completions`,
          headers: auth,
          log: join(work, 'steward.log'),
        });
      }
    }
    for (const t of [...targets]) {
      try {
        await waitReady(t.url, t.headers, benignBody, t.child);
        if (t.child) t.notes = await smoke(t.url, t.headers);
      } catch (e) {
        const log = t.log && existsSync(t.log) ? `; log: ${readFileSync(t.log, 'utf8').slice(-400)}` : '';
        skipped.push({ name: t.name, reason: `${e.message}${log}` });
        targets.splice(targets.indexOf(t), 1);
        await stop(t.child);
      }
    }

    process.stderr.write('throughput (closed loop)\n');
    for (const t of targets) t.measured = measureThroughput(t);
    rate = pickRate(targets);
    process.stderr.write(`latency (open loop, ${rate} req/s${settings.rate === 'auto' ? ', auto' : ''})\n`);
    for (const t of targets) t.latency = measureLatency(t, rate);
  } finally {
    await Promise.all(targets.map((t) => stop(t.child)));
    await stop(upstream);
  }
  const results = targets.map((t) => ({
    name: t.name,
    latency: t.latency,
    throughput: t.measured.throughput,
    cpuUsPerRequest: t.measured.cpuUsPerRequest,
    rssMb: t.measured.rssMb,
    notes: t.notes,
  }));
  facts.loadAfter = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  commands.upstream = 'node bench/guard/lib/upstream.mjs';
  commands.bench = `node bench/guard/run.mjs ${process.argv.slice(2).join(' ')}`.trim();
  const report = formatReport({
    facts,
    settings: { ...settings, rate, rateAuto: settings.rate === 'auto', policy: relative(repo, settings.policy), kinds },
    results,
    skipped,
    commands,
    remarks,
  });
  process.stdout.write(`${report.terminal}\n`);
  writeFileSync(opts.out, report.markdown);
  process.stderr.write(`\nwrote ${relative(process.cwd(), opts.out)}\n`);
  rmSync(work, { recursive: true, force: true });
}

main().catch((e) => {
  process.stderr.write(`bench failed: ${e.stack ?? e}\n`);
  process.exitCode = 1;
});
