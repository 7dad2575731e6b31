/**
 * The guard gateway: an HTTP server between LLM clients and their model upstream that runs the guard policy on
 * every request and response. One TCP listener serves HTTP/1.1 (OpenAI SDKs, curl) and cleartext HTTP/2 (the AWS
 * SDK's Bedrock Runtime client speaks HTTP/2 only): the first bytes of a connection pick the protocol.
 *
 * Routes: POST /v1/chat/completions · POST /model/{modelId}/converse | converse-stream | invoke |
 * invoke-with-response-stream · GET /healthz · GET /metrics. Every model request ends with one audit line and its
 * metrics, whatever happened. `close()` is the graceful shutdown: stop accepting, let in-flight requests finish
 * (up to a grace period), then flush and fsync the audit log.
 */
import http from 'node:http';
import http2 from 'node:http2';
import net, { type AddressInfo } from 'node:net';
import { Duplex } from 'node:stream';
import { UserError } from '../../util/errors.js';
import type { Guard } from '../guard-api.js';
import { createLimitStore, LimitEnforcer } from '../limits/index.js';
import { apiKeyIdFromHeaders } from './api-key.js';
import { auditEvent, decisionsOf, exchangeAction, scanMsOf } from './audit-event.js';
import { AuditLog } from './audit-log.js';
import { type ErrorFlavor, errorResponse, GatewayError, toGatewayError } from './errors.js';
import { Exchange, type RouteName } from './exchange.js';
import type { GatewayRequest, GatewayResponse } from './http-types.js';
import { GatewayMetrics } from './metrics.js';
import { bedrockConverse } from './routes/bedrock-converse.js';
import { bedrockInvoke } from './routes/bedrock-invoke.js';
import { decodeModelId } from './routes/bedrock-upstream.js';
import { openaiChat } from './routes/openai-chat.js';
import type { GatewayRuntime } from './runtime.js';
import { bedrockEndpointFor, type CredentialSource, createBedrockSigner } from './sigv4.js';
import { UpstreamClient } from './upstream.js';

export interface GatewayOptions {
  guard: Guard;
  /** OpenAI-compatible base URL, as for the OpenAI SDK's `baseURL` (e.g. `https://api.openai.com/v1`). */
  upstream?: string;
  /** Sent upstream as `Authorization: Bearer` instead of the caller's key. */
  upstreamApiKey?: string;
  /** Bedrock Runtime endpoint; default `https://bedrock-runtime.<region>.amazonaws.com`. */
  bedrockEndpoint?: string;
  /** AWS region for Bedrock and its signatures; default AWS_REGION, AWS_DEFAULT_REGION, then us-east-1. */
  region?: string;
  /** AWS credentials for Bedrock; default the AWS SDK's default provider chain. */
  credentials?: CredentialSource;
  /** Audit log file (`-` = stdout); default the policy's `audit.file`, else stdout. */
  auditLog?: string;
  auditFlushIntervalMs?: number;
  /** Redis URL for the rate-limit and budget counters shared by gateway replicas; default process memory. */
  redisUrl?: string;
  /** A ready limit enforcer (tests); overrides `redisUrl`. */
  limits?: LimitEnforcer;
  /** How long `close()` waits for in-flight requests before cutting connections (ms). */
  shutdownGraceMs?: number;
  /** Called on internal errors (a bug, not a bad request); default writes one line to stderr. */
  onInternalError?: (requestId: string, e: unknown) => void;
}

export interface Gateway {
  listen(port?: number, host?: string): Promise<{ host: string; port: number; url: string }>;
  /** Graceful shutdown; safe to call more than once. */
  close(): Promise<void>;
  readonly metrics: GatewayMetrics;
  readonly audit?: AuditLog;
}

const BEDROCK_OPERATIONS = new Map<string, RouteName>([
  ['converse', 'bedrock:converse'],
  ['converse-stream', 'bedrock:converse-stream'],
  ['invoke', 'bedrock:invoke'],
  ['invoke-with-response-stream', 'bedrock:invoke-with-response-stream'],
]);

/** A connection that sends nothing for this long is dropped before any protocol is chosen. */
const FIRST_BYTE_TIMEOUT_MS = 30_000;

export async function createGateway(options: GatewayOptions): Promise<Gateway> {
  const { guard } = options;
  const region = options.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1';
  const metrics = new GatewayMetrics();
  const auditSettings = guard.policy.document.audit;
  const audit = auditSettings.enabled
    ? await AuditLog.open(options.auditLog ?? auditSettings.file, {
        flushIntervalMs: options.auditFlushIntervalMs,
        onWritten: (n) => metrics.auditEvents.inc([], n),
        onError: (e) => {
          metrics.auditErrors.inc();
          process.stderr.write(`steward guard: cannot write the audit log: ${e.message}\n`);
        },
      })
    : undefined;
  const rt: GatewayRuntime = {
    guard,
    upstream: new UpstreamClient(),
    openai: options.upstream
      ? { chatUrl: chatCompletionsUrl(options.upstream), apiKey: options.upstreamApiKey }
      : undefined,
    bedrock: {
      endpoint: parseUrl(options.bedrockEndpoint ?? bedrockEndpointFor(region), '--bedrock-endpoint'),
      signer: createBedrockSigner({ region, credentials: options.credentials }),
    },
    metrics,
    limits: options.limits ?? new LimitEnforcer(createLimitStore({ redisUrl: options.redisUrl })),
  };
  const onInternalError =
    options.onInternalError ??
    ((id: string, e: unknown) => {
      const detail = process.env.STEWARD_DEBUG && e instanceof Error ? (e.stack ?? e.message) : String(e);
      process.stderr.write(`steward guard: internal error in request ${id}: ${detail}\n`);
    });

  let closing = false;
  let inFlight = 0;
  let drained: (() => void) | undefined;

  const handle = (req: GatewayRequest, res: GatewayResponse) => {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q === -1 ? url : url.slice(0, q);
    if (path === '/healthz' || path === '/metrics') return serveOps(req, res, path);
    const target = routeOf(path);
    const flavor: ErrorFlavor =
      target?.route.startsWith('bedrock:') || path.startsWith('/model/') ? 'bedrock' : 'openai';
    if (!target || req.method !== 'POST') {
      req.resume();
      const e = target
        ? new GatewayError('method_not_allowed', `${req.method} is not allowed on ${path}; use POST`)
        : new GatewayError(
            'not_found',
            `no route ${path}: the gateway serves POST /v1/chat/completions and Bedrock /model/{modelId}/converse, converse-stream, invoke, invoke-with-response-stream`,
          );
      metrics.errors.inc(['none', e.code]);
      return sendError(res, e, flavor, 'req_none');
    }
    if (closing) {
      req.resume();
      return sendError(res, new GatewayError('shutting_down', 'the gateway is shutting down'), flavor, 'req_none');
    }
    const apiKeyId = apiKeyIdFromHeaders(req.headers);
    const x = new Exchange(target.route, flavor, guard.policyFor(target.route, apiKeyId), apiKeyId);
    inFlight++;
    metrics.inFlight.value = inFlight;
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      inFlight--;
      metrics.inFlight.value = inFlight;
      finishExchange(x, res.statusCode);
      if (inFlight === 0) drained?.();
    };
    // Each fires at most once per response: `on` spares the once-wrappers on the hot path.
    res.on('finish', end);
    res.on('close', () => {
      // Closed before the response was complete: the client went away. Other 'close' listeners (a stream relay
      // stopping its upstream) run first, so the audit line sees what they recorded.
      if (!ended)
        x.error ??= new GatewayError('invalid_request', 'the client closed the connection before the response ended');
      setImmediate(end);
    });
    run(req, res, x, target).catch((e) => {
      const err = toGatewayError(e);
      if (err.code === 'internal_error') onInternalError(x.id, e);
      x.error ??= err;
      try {
        if (!res.headersSent) {
          req.resume();
          sendError(res, err, flavor, x.id);
        } else if (!res.writableEnded) res.end();
      } catch {
        // The client is gone (an HTTP/2 stream already closed): nothing left to tell it.
      }
    });
  };

  const run = async (
    req: GatewayRequest,
    res: GatewayResponse,
    x: Exchange,
    target: { route: RouteName; modelId?: string },
  ) => {
    if (target.route === '/v1/chat/completions') return openaiChat(req, res, x, rt);
    const modelId = decodeModelId(target.modelId!);
    if (target.route === 'bedrock:converse' || target.route === 'bedrock:converse-stream') {
      return bedrockConverse(req, res, x, rt, modelId);
    }
    return bedrockInvoke(req, res, x, rt, modelId);
  };

  const finishExchange = (x: Exchange, status: number) => {
    const latencyMs = performance.now() - x.t0;
    // The audit line is built when its batch is written, off the request's path; metrics need only a few facts.
    if (audit && x.policy.audit.enabled) audit.write(() => auditEvent(x, status, latencyMs));
    const decisions = decisionsOf(x);
    metrics.requests.inc([x.route, exchangeAction(x, decisions), String(status)]);
    metrics.duration.observe([x.route], latencyMs / 1000);
    metrics.scanSeconds.observe([x.route], scanMsOf(decisions) / 1000);
    if (x.upstreamMs !== undefined) {
      metrics.upstreamDuration.observe([x.route], x.upstreamMs / 1000);
      if (!x.stream) metrics.overhead.observe([x.route], Math.max(0, latencyMs - x.upstreamMs) / 1000);
    }
    for (const d of decisions) {
      for (const v of d.verdicts) {
        if (v.action !== 'allow') metrics.verdicts.inc([d.direction, v.scanner, v.action]);
      }
    }
    if (x.blockedBy) metrics.blocked.inc([x.route, x.blockedBy]);
    if (x.error && !x.blockedBy) metrics.errors.inc([x.route, x.error.code]);
    if (x.tokens) {
      if (x.tokens.input !== undefined) metrics.tokens.inc([x.route, 'input'], x.tokens.input);
      if (x.tokens.output !== undefined) metrics.tokens.inc([x.route, 'output'], x.tokens.output);
    }
    if (x.limitTicket) settle(x);
  };

  /** Charges the request's real token count (prompt + completion) against its budgets; store errors are counted. */
  const settle = (x: Exchange) => {
    const t = x.tokens;
    const total = t ? (t.total ?? (t.input ?? 0) + (t.output ?? 0)) : undefined;
    const done = x.limitTicket!.settle(total);
    if (done) done.catch(() => undefined);
  };

  const serveOps = (req: GatewayRequest, res: GatewayResponse, path: string) => {
    req.resume();
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return sendError(res, new GatewayError('method_not_allowed', `use GET ${path}`), 'openai', 'req_none');
    }
    if (path === '/healthz') {
      res.writeHead(closing ? 503 : 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: closing ? 'shutting_down' : 'ok', inFlight }));
      return;
    }
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
    res.end(metrics.render());
  };

  // One listener, two protocols: HTTP/2 connections start with the `PRI * HTTP/2.0` preface.
  const h1 = http.createServer({ keepAliveTimeout: 65_000 }, (req, res) => handle(req, res));
  const h2 = http2.createServer({}, (req, res) =>
    handle(req as unknown as GatewayRequest, res as unknown as GatewayResponse),
  );
  const h2Sessions = new Set<http2.ServerHttp2Session>();
  h2.on('session', (session) => {
    h2Sessions.add(session);
    session.once('close', () => h2Sessions.delete(session));
    if (closing) session.close();
  });
  const pending = new Set<net.Socket>();
  const tcp = net.createServer({ noDelay: true }, (socket) => {
    pending.add(socket);
    socket.setTimeout(FIRST_BYTE_TIMEOUT_MS, () => socket.destroy());
    socket.on('error', () => socket.destroy()); // a reset before or after the hand-over must not crash the process
    socket.once('data', (first: Buffer) => {
      pending.delete(socket);
      socket.setTimeout(0);
      socket.pause();
      if (first[0] === 0x50 && first.subarray(0, 3).toString('latin1') === 'PRI') {
        h2.emit('connection', prefixed(socket, first));
      } else {
        socket.unshift(first);
        h1.emit('connection', socket);
        socket.resume();
      }
    });
    socket.once('close', () => pending.delete(socket));
  });

  let closed: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closed ??= (async () => {
      closing = true;
      tcp.close();
      h1.close(); // also closes idle keep-alive connections
      for (const s of pending) s.destroy();
      for (const s of h2Sessions) s.close();
      if (inFlight > 0) {
        await new Promise<void>((resolve) => {
          drained = resolve;
          setTimeout(resolve, options.shutdownGraceMs ?? 30_000).unref();
        });
      }
      h1.closeAllConnections();
      for (const s of h2Sessions) s.destroy();
      await rt.limits.store.close();
      rt.upstream.close();
      await audit?.close();
    })();
    return closed;
  };

  return {
    metrics,
    audit,
    close,
    listen(port = 8787, host = '127.0.0.1') {
      return new Promise((resolve, reject) => {
        tcp.once('error', reject);
        tcp.listen(port, host, () => {
          tcp.off('error', reject);
          h1.emit('listening'); // starts the HTTP/1.1 server's connection tracking (timeouts, closeIdleConnections)
          const address = tcp.address() as AddressInfo;
          const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
          resolve({ host: address.address, port: address.port, url: `http://${shown}:${address.port}` });
        });
      });
    },
  };
}

function routeOf(path: string): { route: RouteName; modelId?: string } | undefined {
  if (path === '/v1/chat/completions' || path === '/chat/completions') return { route: '/v1/chat/completions' };
  if (!path.startsWith('/model/')) return undefined;
  const slash = path.lastIndexOf('/');
  const route = BEDROCK_OPERATIONS.get(path.slice(slash + 1));
  if (!route || slash <= 7) return undefined;
  return { route, modelId: path.slice(7, slash) };
}

function sendError(res: GatewayResponse, e: GatewayError, flavor: ErrorFlavor, requestId: string): void {
  const { status, headers, body } = errorResponse(e, flavor, requestId);
  res.writeHead(status, headers);
  res.end(body);
}

/** `<base>/chat/completions` of an OpenAI-style base URL (`…/v1`). */
function chatCompletionsUrl(base: string): URL {
  const url = parseUrl(base, '--upstream');
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/chat/completions`;
  return url;
}

function parseUrl(value: string, what: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UserError(`${what}: "${value}" is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UserError(`${what}: "${value}" must be an http:// or https:// URL`);
  }
  return url;
}

/** The socket as a stream that replays the bytes already read (HTTP/2 reads from the stream, not the handle). */
function prefixed(socket: net.Socket, head: Buffer): Duplex {
  const stream = new Duplex({
    read() {
      socket.resume();
    },
    write(chunk, encoding, callback) {
      socket.write(chunk, encoding, callback);
    },
    final(callback) {
      socket.end();
      callback();
    },
    destroy(error, callback) {
      socket.destroy();
      callback(error);
    },
  });
  stream.push(head);
  socket.on('data', (chunk) => {
    if (!stream.push(chunk)) socket.pause();
  });
  socket.once('end', () => stream.push(null));
  socket.once('close', () => stream.destroy());
  socket.resume();
  return stream;
}
