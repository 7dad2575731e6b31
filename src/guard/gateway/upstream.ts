/**
 * Calls to the model upstream over pooled keep-alive connections (one agent per protocol, shared by all requests:
 * no connection set-up on the hot path). Faults come back as GatewayErrors with the codes the routes send:
 * `upstream_timeout` (no response headers, or no body bytes, within the policy's `limits.timeoutMs`),
 * `upstream_unavailable` (connection refused/reset), `upstream_stream_interrupted` (body cut before its end).
 */
import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import { GatewayError } from './errors.js';

/** Used when the policy sets no `limits.timeoutMs`. */
export const DEFAULT_UPSTREAM_TIMEOUT_MS = 120_000;
/** Largest non-streamed upstream body the gateway buffers to inspect. */
export const MAX_UPSTREAM_BODY_BYTES = 64 * 1024 * 1024;

export interface UpstreamRequest {
  url: URL;
  headers: Record<string, string>;
  body: Buffer;
  timeoutMs: number;
}

export interface UpstreamResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** The body stream; read it with readUpstreamBody or consume it chunk by chunk with an idle timer. */
  body: IncomingMessage;
  /** Aborts the upstream exchange (client went away, guard blocked the stream). */
  abort(): void;
}

export class UpstreamClient {
  private readonly httpAgent = new http.Agent({
    keepAlive: true,
    maxSockets: 1024,
    maxFreeSockets: 256,
    scheduling: 'lifo',
  });
  private readonly httpsAgent = new https.Agent({
    keepAlive: true,
    maxSockets: 1024,
    maxFreeSockets: 256,
    scheduling: 'lifo',
  });

  /** POSTs and resolves at the response headers. */
  post(req: UpstreamRequest, label: string): Promise<UpstreamResponse> {
    return this.attempt(req, label, true);
  }

  private attempt(req: UpstreamRequest, label: string, mayRetry: boolean): Promise<UpstreamResponse> {
    const t = target(req.url);
    const isHttps = t.protocol === 'https:';
    // The routes build `headers` per request: adding the length in place saves a copy.
    req.headers['content-length'] = String(req.body.length);
    return new Promise((resolve, reject) => {
      const options: http.RequestOptions = {
        protocol: t.protocol,
        hostname: t.hostname,
        port: t.port,
        path: t.path,
        method: 'POST',
        agent: isHttps ? this.httpsAgent : this.httpAgent,
        headers: req.headers,
      };
      const outgoing = isHttps ? https.request(options) : http.request(options);
      const timer = setTimeout(() => {
        outgoing.destroy(
          new GatewayError('upstream_timeout', `${label} did not answer within ${req.timeoutMs} ms (limits.timeoutMs)`),
        );
      }, req.timeoutMs);
      outgoing.on('response', (res) => {
        clearTimeout(timer);
        resolve(new Answer(outgoing, res));
      });
      outgoing.on('error', (e: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        // A pooled connection the upstream closed while idle fails before any response byte: the request never
        // reached the model, so one retry on a fresh connection is safe.
        if (mayRetry && outgoing.reusedSocket && e.code === 'ECONNRESET') {
          resolve(this.attempt(req, label, false));
          return;
        }
        reject(
          e instanceof GatewayError
            ? e
            : new GatewayError('upstream_unavailable', `${label} is unreachable: ${e.code ?? e.message}`),
        );
      });
      outgoing.end(req.body);
    });
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}

/**
 * An upstream answer as fields and methods rather than per-request closures (which would each keep the whole scope of
 * `attempt`, options and promise callbacks included, alive as long as the answer is referenced).
 */
class Answer implements UpstreamResponse {
  readonly status: number;

  constructor(
    private readonly request: http.ClientRequest,
    readonly body: IncomingMessage,
  ) {
    this.status = body.statusCode ?? 502;
  }

  /** Node builds the headers object on first read; most answers are relayed without looking at it. */
  get headers(): IncomingHttpHeaders {
    return this.body.headers;
  }

  abort(): void {
    this.request.destroy();
    this.body.destroy();
  }
}

const targets = new WeakMap<URL, { protocol: string; hostname: string; port: string; path: string }>();

/** The request target of a URL, computed once per URL object (the OpenAI upstream's is shared by all requests). */
function target(url: URL) {
  let t = targets.get(url);
  if (!t) {
    const hostname = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
    t = { protocol: url.protocol, hostname, port: url.port, path: `${url.pathname}${url.search}` };
    targets.set(url, t);
  }
  return t;
}

/** Reads a whole (non-streamed) upstream body, failing on an idle gap longer than `timeoutMs` or a cut. */
export function readUpstreamBody(res: UpstreamResponse, timeoutMs: number, label: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (e?: GatewayError) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (e) {
        res.abort();
        reject(e);
      } else resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    };
    const timer = setTimeout(
      () => finish(new GatewayError('upstream_timeout', `${label} stopped sending its response for ${timeoutMs} ms`)),
      timeoutMs,
    );
    res.body.on('data', (chunk: Buffer) => {
      timer.refresh();
      size += chunk.length;
      if (size > MAX_UPSTREAM_BODY_BYTES) {
        finish(
          new GatewayError(
            'upstream_invalid_response',
            `${label} sent a response over ${MAX_UPSTREAM_BODY_BYTES} bytes`,
          ),
        );
        return;
      }
      chunks.push(chunk);
    });
    res.body.on('end', () => finish());
    res.body.on('error', (e) => finish(e instanceof GatewayError ? e : interrupted(label)));
    res.body.on('close', () => {
      if (!res.body.complete) finish(interrupted(label));
    });
  });
}

export function interrupted(label: string): GatewayError {
  return new GatewayError(
    'upstream_stream_interrupted',
    `${label} closed the connection before the response was complete`,
  );
}
