/**
 * Fastify (5) form of the guard: a plugin for an encapsulated scope holding the LLM routes. In that scope it parses
 * JSON bodies itself (so malformed JSON gets the gateway's OpenAI-shaped 400), guards every request in a preHandler
 * hook, writes the audit line on response, and (unless `errorHandler: false`) renders Steward errors a handler
 * throws (`request.steward.guardOutput` blocking) OpenAI-shaped, passing other errors to the scope's previous error
 * handler. Typed structurally: no dependency on fastify.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { DEFAULT_MAX_REQUEST_BYTES, parseJsonObject } from '../gateway/body.js';
import { type GatewayError, toGatewayError } from '../gateway/errors.js';
import type { GuardedRequest } from './guarded-request.js';
import { errorReply, MiddlewareCore, type StewardMiddlewareOptions, toStewardError } from './middleware-core.js';

export interface FastifyRequestLike {
  url: string;
  headers: IncomingHttpHeaders;
  body?: unknown;
  steward?: GuardedRequest | null;
}

export interface FastifyReplyLike {
  statusCode: number;
  code(statusCode: number): FastifyReplyLike;
  header(key: string, value: string): FastifyReplyLike;
  send(payload?: unknown): FastifyReplyLike;
}

type Done = (err: Error | null, body?: unknown) => void;

/** The parts of a Fastify instance the plugin uses. */
export interface FastifyInstanceLike {
  hasRequestDecorator(name: string): boolean;
  decorateRequest(name: string, value: null): unknown;
  removeContentTypeParser(contentType: string): unknown;
  addContentTypeParser(
    contentType: string,
    options: { parseAs: 'buffer'; bodyLimit: number },
    parser: (request: never, body: Buffer, done: Done) => void,
  ): unknown;
  addHook(name: 'preHandler', hook: (request: never, reply: never) => Promise<unknown>): unknown;
  addHook(name: 'onResponse', hook: (request: never, reply: never) => Promise<void>): unknown;
  setErrorHandler(handler: (error: never, request: never, reply: never) => unknown): unknown;
}

export interface StewardFastifyOptions extends StewardMiddlewareOptions<FastifyRequestLike> {
  /** Answers a blocked request yourself (send on `reply`); default 400 with the OpenAI-shaped `guard_blocked` error. */
  onBlocked?: (error: GatewayError, request: FastifyRequestLike, reply: FastifyReplyLike) => unknown;
  /** Render Steward errors thrown by the scope's handlers OpenAI-shaped (default true). */
  errorHandler?: boolean;
  /** Largest JSON body the scope's parser reads (default 4 MiB); the policy's `limits.maxRequestBytes` applies too. */
  bodyLimit?: number;
}

/**
 * The plugin takes its instance as `unknown` so any Fastify instance type is accepted (`register` is heavily
 * overloaded); it uses only what FastifyInstanceLike lists.
 */
export type StewardFastifyPlugin = ((instance: unknown, opts?: unknown) => Promise<void>) & {
  [key: symbol]: unknown;
};

/** `await scope.register(stewardFastify({ guard }))` inside the plugin that declares the LLM routes. */
export function stewardFastify(options: StewardFastifyOptions): StewardFastifyPlugin {
  const core = new MiddlewareCore<FastifyRequestLike>(options);

  const preHandler = async (request: FastifyRequestLike, reply: FastifyReplyLike): Promise<unknown> => {
    const g = core.begin(request, pathOf(request.url), request.headers);
    request.steward = g;
    try {
      let body = request.body;
      let bytes: number;
      if (body === undefined || body === null || Buffer.isBuffer(body)) {
        const raw = (body as Buffer | undefined | null) ?? Buffer.alloc(0);
        bytes = raw.length;
        body = parseJsonObject(raw);
        request.body = body;
      } else {
        const declared = Number(request.headers['content-length']);
        bytes = declared >= 0 ? declared : Buffer.byteLength(JSON.stringify(body));
      }
      await core.inspect(g, request, body, bytes);
      for (const [name, value] of Object.entries(core.successHeaders(g))) reply.header(name, value);
      return undefined;
    } catch (e) {
      const err = toGatewayError(e);
      g.exchange.error ??= err;
      if (err.code === 'guard_blocked' && options.onBlocked) {
        await options.onBlocked(err, request, reply);
        return reply;
      }
      return sendError(reply, err, g.id);
    }
  };

  const plugin = async (scope: unknown): Promise<void> => {
    const instance = scope as FastifyInstanceLike;
    if (!instance.hasRequestDecorator('steward')) instance.decorateRequest('steward', null);
    instance.removeContentTypeParser('application/json');
    instance.addContentTypeParser(
      'application/json',
      { parseAs: 'buffer', bodyLimit: options.bodyLimit ?? DEFAULT_MAX_REQUEST_BYTES },
      (_request: never, body: Buffer, done: Done) => done(null, body),
    );
    instance.addHook('preHandler', preHandler as (request: never, reply: never) => Promise<unknown>);
    instance.addHook('onResponse', (async (request: FastifyRequestLike, reply: FastifyReplyLike) => {
      request.steward?.finish(reply.statusCode);
    }) as (request: never, reply: never) => Promise<void>);
    if (options.errorHandler !== false) {
      instance.setErrorHandler(((error: unknown, request: FastifyRequestLike, reply: FastifyReplyLike) => {
        const e = toStewardError(error);
        if (!e) throw error; // Fastify hands it to the error handler that was in place before this one.
        if (request.steward) request.steward.exchange.error ??= e;
        return sendError(reply, e, request.steward?.id ?? 'req_none');
      }) as (error: never, request: never, reply: never) => unknown);
    }
  };
  // What fastify-plugin sets: the hooks, parser and decorator apply to the scope that registers the plugin.
  return Object.assign(plugin, {
    [Symbol.for('skip-override')]: true,
    [Symbol.for('fastify.display-name')]: 'steward-guard',
  });
}

function sendError(reply: FastifyReplyLike, e: unknown, requestId: string): FastifyReplyLike {
  const { status, headers, body } = errorReply(e, requestId);
  reply.code(status);
  for (const [name, value] of Object.entries(headers)) reply.header(name, value);
  return reply.send(body);
}

function pathOf(url: string): string {
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}
