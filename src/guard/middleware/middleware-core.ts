/**
 * The framework-neutral half of the middleware: one request's input pipeline, in the gateway's order and with its
 * modules (policy resolution per route and API key, body size, limits, input scanners, canary, write-back) and its
 * errors (`GatewayError`, rendered OpenAI-shaped). The Express, Fastify and Hono adapters only read bodies and send
 * responses.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { apiKeyIdFromHeaders } from '../gateway/api-key.js';
import type { AuditLog } from '../gateway/audit-log.js';
import { DEFAULT_MAX_REQUEST_BYTES } from '../gateway/body.js';
import { errorResponse, GatewayError, toGatewayError } from '../gateway/errors.js';
import { Exchange, insertCanary, positiveOr, type RouteName, wantsCanary } from '../gateway/exchange.js';
import { admit } from '../gateway/limits.js';
import { contextOf, isObject, slotText, systemPromptOf } from '../gateway/text-slots.js';
import type { Guard } from '../guard-api.js';
import { LimitEnforcer, MemoryLimitStore } from '../limits/index.js';
import { type BodyMapping, mapBody } from './body-mapping.js';
import { GuardedRequest, type ToolVerdictsHook } from './guarded-request.js';

export interface StewardMiddlewareOptions<Req> {
  guard: Guard;
  /** Policy route name (what the policy's `routes:` keys match); default the request path, e.g. `/v1/chat/completions`. */
  route?: string | ((req: Req) => string);
  /**
   * The caller's id for `apiKeys:` overrides, rate limits and the audit line (never the secret). Default: the
   * gateway's `key_<sha256 prefix>` of the `Authorization: Bearer` token or `x-api-key` header.
   */
  apiKeyId?: (req: Req) => string | undefined;
  /** A custom request body shape; default OpenAI Chat Completions (`messages[].content`). */
  body?: BodyMapping<Req>;
  /** Rate limits and token budgets (`limits:` in the policy); default an in-process memory store per middleware. */
  limits?: LimitEnforcer;
  /** Where each request's audit line goes (`AuditLog.open(file)`); no audit lines without it. */
  auditLog?: AuditLog;
  /**
   * Called with the verdicts of each tool-call check (`guardCompletion`, `checkToolCalls`), for the app's own
   * metrics (the gateway's `steward_guard_tool_calls_total`); it must not throw.
   */
  onToolVerdicts?: ToolVerdictsHook;
}

/** Status, headers and JSON body of an error response. */
export interface ErrorReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export class MiddlewareCore<Req> {
  private readonly limits: LimitEnforcer;

  constructor(private readonly options: StewardMiddlewareOptions<Req>) {
    if (!options?.guard || typeof options.guard.inspectInput !== 'function') {
      throw new TypeError('steward middleware: options.guard must be a guard from createGuard()');
    }
    if (options.onToolVerdicts !== undefined && typeof options.onToolVerdicts !== 'function') {
      throw new TypeError('steward middleware: options.onToolVerdicts must be a function');
    }
    this.limits = options.limits ?? new LimitEnforcer(new MemoryLimitStore());
  }

  /** Resolves the route, caller and policy of a request and starts its record. */
  begin(req: Req, path: string, headers: IncomingHttpHeaders): GuardedRequest {
    const { route, apiKeyId, guard, auditLog, onToolVerdicts } = this.options;
    const name = typeof route === 'function' ? route(req) : (route ?? path);
    const keyId = apiKeyId ? apiKeyId(req) : apiKeyIdFromHeaders(headers);
    // Exchange types its route as a gateway route; an embedding app names its own routes.
    const x = new Exchange(name as RouteName, 'openai', guard.policyFor(name, keyId), keyId);
    return new GuardedRequest(guard, x, auditLog, onToolVerdicts);
  }

  /** The largest body the request's policy accepts (`limits.maxRequestBytes`, default 4 MiB). */
  maxBytes(g: GuardedRequest): number {
    return positiveOr(g.policy.limits.maxRequestBytes, DEFAULT_MAX_REQUEST_BYTES);
  }

  /**
   * Runs the input side on a parsed body: limits, input scanners, canary, write-back. Throws a GatewayError
   * (`guard_blocked` 400, `rate_limited` 429, `invalid_request` 400…); afterwards `g.body` is the guarded body.
   * Returns whether the body was changed (redaction, tokens, canary, completion-token cap).
   */
  async inspect(g: GuardedRequest, req: Req, body: unknown, bytes: number): Promise<boolean> {
    if (!isObject(body)) throw new GatewayError('invalid_request', 'the request body must be a JSON object');
    this.checkSize(g, bytes);
    const x = g.exchange;
    g.body = body;
    if (typeof body.model === 'string') x.model = body.model;
    x.stream = body.stream === true;
    const mapped = mapBody(body, req, this.options.body);
    const capped = await admit(this.limits, x, {
      bytes,
      texts: mapped.slots.map(slotText),
      maxTokens: mapped.maxTokens,
      applyCap: mapped.applyCap,
    });
    const { guard } = this.options;
    const input = x.inspectInput(guard, mapped.slots, g.session);
    let changed = input.changed;
    if (wantsCanary(x.policy)) changed = insertCanary(mapped.slots, guard, g.session) || changed;
    g.systemPrompt = systemPromptOf(input.segments);
    g.context = contextOf(input.segments);
    if (changed) mapped.commit?.();
    return changed || capped;
  }

  /** Throws `request_too_large` (413) for a body over the policy's cap. */
  checkSize(g: GuardedRequest, bytes: number): void {
    const max = this.maxBytes(g);
    if (bytes > max) {
      throw new GatewayError(
        'request_too_large',
        `the request body is larger than ${max} bytes (limits.maxRequestBytes in the guard policy)`,
      );
    }
  }

  /** Headers a request that passed the guard gets on its response: `x-request-id` and `x-ratelimit-*`. */
  successHeaders(g: GuardedRequest): Record<string, string> {
    return { ...g.exchange.responseHeaders, 'x-request-id': g.id };
  }
}

/** Any error as the OpenAI-shaped response the gateway would send. */
export function errorReply(e: unknown, requestId: string): ErrorReply {
  const { status, headers, body } = errorResponse(toStewardError(e) ?? toGatewayError(e), 'openai', requestId);
  return { status, headers, body: typeof body === 'string' ? body : body.toString('utf8') };
}

/**
 * Steward's errors, and the body-parsing errors of the frameworks (Express's body-parser, Fastify's content-type
 * parser) that mean the same thing, as GatewayErrors; undefined for anything else (the app's own errors).
 */
export function toStewardError(e: unknown): GatewayError | undefined {
  if (e instanceof GatewayError) return e;
  if (e === null || typeof e !== 'object') return undefined;
  const { type, code } = e as { type?: unknown; code?: unknown };
  if (type === 'entity.parse.failed' || code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    return new GatewayError('invalid_json', 'the request body is not valid JSON');
  }
  if (type === 'entity.too.large' || code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return new GatewayError('request_too_large', 'the request body is too large');
  }
  return undefined;
}
