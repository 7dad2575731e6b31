/**
 * A keep-alive HTTP load generator, run as its own process so its CPU is not the harness's. Two modes:
 * - `rate` (open loop): sends `rate` requests per second on schedule, at most `concurrency` in flight. Latency is
 *   measured from the time a request was due, not when a free connection sent it, so a stalled server cannot hide
 *   its queueing (no coordinated omission).
 * - closed loop (no `rate`): `concurrency` workers each send the next request as soon as the last one answered;
 *   this finds the maximum throughput.
 * Requests in the first `warmupMs` are sent but not recorded. Prints one JSON line of results.
 *
 *   node lib/loadgen.mjs '{"url":…,"headers":{…},"bodiesFile":…,"concurrency":32,"rate":1000,"durationMs":8000,"warmupMs":2000}'
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { summarize } from './stats.mjs';

const cfg = JSON.parse(process.argv[2]);
const url = new URL(cfg.url);
const bodies = JSON.parse(readFileSync(cfg.bodiesFile, 'utf8')).map((b) => Buffer.from(b));
const agent = new http.Agent({ keepAlive: true, maxSockets: cfg.concurrency, maxFreeSockets: cfg.concurrency });
const baseHeaders = { ...cfg.headers, 'content-type': 'application/json' };

const latencies = [];
const statuses = {};
let errors = 0;
let lastError;
let inFlight = 0;
let sent = 0;
let recordedInWindow = 0;

const nowMs = () => Number(process.hrtime.bigint()) / 1e6;
const start = nowMs();
const measureFrom = start + cfg.warmupMs;
const end = measureFrom + cfg.durationMs;

function send(dueAt, done) {
  const body = bodies[sent++ % bodies.length];
  inFlight++;
  const req = http.request(
    {
      agent,
      host: url.hostname,
      port: url.port,
      path: url.pathname,
      method: 'POST',
      headers: { ...baseHeaders, 'content-length': body.length },
    },
    (res) => {
      res.on('data', () => {});
      res.on('end', () => finish(dueAt, res.statusCode, done));
      res.on('error', (e) => fail(e, done));
    },
  );
  req.on('error', (e) => fail(e, done));
  req.end(body);
}

function finish(dueAt, status, done) {
  inFlight--;
  const at = nowMs();
  if (dueAt >= measureFrom && at <= end) {
    latencies.push(at - dueAt);
    statuses[status] = (statuses[status] ?? 0) + 1;
    recordedInWindow++;
  }
  done();
}

function fail(e, done) {
  inFlight--;
  errors++;
  lastError = e.message;
  done();
}

function closedLoop() {
  const worker = () => {
    if (nowMs() >= end) return maybeExit();
    send(nowMs(), worker);
  };
  for (let i = 0; i < cfg.concurrency; i++) worker();
}

function openLoop() {
  const interval = 1000 / cfg.rate;
  let due = start;
  let timer;
  const tick = () => {
    const now = nowMs();
    if (now >= end) {
      clearInterval(timer);
      return maybeExit();
    }
    while (due <= now && inFlight < cfg.concurrency) {
      send(due, tick);
      due += interval;
    }
  };
  timer = setInterval(tick, 1);
  tick();
}

function maybeExit() {
  if (inFlight > 0 || maybeExit.done) return;
  maybeExit.done = true;
  const measuredMs = cfg.durationMs;
  const result = {
    mode: cfg.rate ? 'rate' : 'closed',
    concurrency: cfg.concurrency,
    rate: cfg.rate ?? null,
    sent,
    recorded: recordedInWindow,
    throughput: (recordedInWindow / measuredMs) * 1000,
    latency: summarize(latencies),
    statuses,
    errors,
    lastError,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  agent.destroy();
  process.exit(0);
}

// Requests still in flight long after the end are a hung server: report what was measured.
setTimeout(
  () => {
    errors += inFlight;
    lastError ??= `${inFlight} requests unanswered 5 s after the run`;
    inFlight = 0;
    maybeExit();
  },
  cfg.warmupMs + cfg.durationMs + 5000,
).unref();

if (cfg.rate) openLoop();
else closedLoop();
