/**
 * LLM10 (unbounded consumption): decides whether a request may go upstream under the policy's `limits`, before any
 * scanner runs, and charges token budgets with the real counts afterwards.
 *
 * Order: the stateless checks first (body size, completion tokens asked), then the counters, all per API key within
 * the policy route that matched (routes without an override of their own share the `default` counters; callers
 * without an API key share one anonymous set):
 * - `requestsPerMinute`: 1 per request, rolling 60 s window.
 * - `tokensPerMinute`: the estimated prompt tokens are reserved now, rolling 60 s window; `ticket.settle(total)`
 *   charges the difference once the response reports its usage (completion tokens are not reserved: a request's
 *   `max_tokens` is an upper bound, not a forecast).
 * - `tokenBudget.perDay`: the same, in a fixed window that resets at 00:00 UTC, so a spent budget stays spent.
 * A request denied by one counter gets back what the others took. With the memory store the whole check is
 * synchronous (no promise, no event-loop tick); with Redis it is one round trip (the calls are pipelined).
 * If the store fails, `failMode: closed` refuses the request (503) and `open` lets it through and counts the error.
 */
import type { FailMode, Limits } from '../policy/schema.js';
import { isPromise, type LimitState, type LimitStore, type MaybePromise, type WindowKind } from './limit-store.js';

/** What the enforcer reads from a resolved policy; `EffectivePolicy` (guard.policyFor) has it. */
export interface LimitPolicy {
  /** The policy route that matched (`default` when none): counters are kept per route key. */
  readonly route: string;
  readonly limits: Limits;
  readonly failMode: FailMode;
}

export interface LimitRequest {
  /** The caller's API key id (never the secret). Requests without one share the anonymous counters. */
  apiKeyId?: string;
  /** Request body size in bytes. */
  bytes?: number;
  /** Estimated prompt tokens (`estimateRequestTokens`), reserved against the token limits. */
  inputTokens?: number;
  /** Completion tokens the request asks for (`max_tokens`, `max_completion_tokens`, `inferenceConfig.maxTokens`). */
  maxTokens?: number;
}

export type LimitName =
  | 'maxRequestBytes'
  | 'maxTokens'
  | 'requestsPerMinute'
  | 'tokensPerMinute'
  | 'tokenBudget.perDay';

/** Gateway error codes: request_too_large 413, limit_exceeded 400, rate_limited 429, limit_store_unavailable 503. */
export type LimitErrorCode = 'request_too_large' | 'limit_exceeded' | 'rate_limited' | 'limit_store_unavailable';

export interface LimitRejection {
  allowed: false;
  code: LimitErrorCode;
  status: 400 | 413 | 429 | 503;
  /** The limit that refused the request (absent when the store failed). */
  limit?: LimitName;
  reason: string;
  /** For 429s: seconds until the request would fit (the `Retry-After` header). */
  retryAfterSeconds?: number;
}

export interface LimitAllowance {
  allowed: true;
  /** `limits.maxTokens` when the request asked for no cap: the gateway should send it upstream as the cap. */
  maxTokensCap?: number;
  /** `limits.timeoutMs`, for the upstream call. */
  timeoutMs?: number;
  /** Counter states after this request, for `x-ratelimit-*` headers (see rateLimitHeaders). */
  requests?: LimitState;
  tokens?: LimitState;
  budget?: LimitState;
  /** Set when the store failed and `failMode: open` let the request through (record it in the audit line). */
  storeError?: string;
  /** Call once the response is done. */
  ticket: LimitTicket;
}

export type LimitDecision = LimitAllowance | LimitRejection;

export interface LimitTicket {
  /**
   * Corrects the token counters to the request's real total (prompt + completion tokens from the response's usage,
   * or an estimate of both when it reports none). Without a total the reservation stands. Never rejects; store
   * errors are counted in `enforcer.stats`. Only the first call counts.
   */
  settle(totalTokens?: number): MaybePromise<void>;
}

export interface LimitStats {
  /** Store failures seen (requests refused under `closed`, let through under `open`, and failed settles). */
  storeErrors: number;
  lastStoreError?: string;
}

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

interface CounterRule {
  name: 'requestsPerMinute' | 'tokensPerMinute' | 'tokenBudget.perDay';
  key: string;
  cost: number;
  limit: number;
  windowMs: number;
  window: WindowKind;
}

type Outcome = LimitState | Error;

const NOOP_TICKET: LimitTicket = { settle: () => undefined };

export class LimitEnforcer {
  readonly stats: LimitStats = { storeErrors: 0 };

  constructor(readonly store: LimitStore) {}

  check(policy: LimitPolicy, request: LimitRequest): MaybePromise<LimitDecision> {
    const { limits } = policy;
    const stateless = checkStateless(limits, request);
    if (stateless) return stateless;
    const rules = counterRules(policy, request);
    if (rules.length === 0) return allowance(limits, request, NOOP_TICKET);
    const outcomes: MaybePromise<Outcome>[] = rules.map((r) => this.attempt(r));
    if (!outcomes.some(isPromise)) return this.decide(policy, request, rules, outcomes as Outcome[]);
    return Promise.all(outcomes).then((done) => this.decide(policy, request, rules, done));
  }

  private attempt(rule: CounterRule): MaybePromise<Outcome> {
    try {
      const state = this.store.consume(rule.key, rule.cost, rule.limit, rule.windowMs, rule.window);
      return isPromise(state) ? state.catch(asError) : state;
    } catch (e) {
      return asError(e);
    }
  }

  private decide(policy: LimitPolicy, request: LimitRequest, rules: CounterRule[], outcomes: Outcome[]): LimitDecision {
    const failed = outcomes.find((o): o is Error => o instanceof Error);
    const deniedAt = outcomes.findIndex((o) => !(o instanceof Error) && !o.allowed);
    if (failed) this.countError(failed);
    const runs = deniedAt < 0 && (!failed || policy.failMode === 'open');
    if (!runs) this.refund(rules, outcomes);
    if (deniedAt >= 0)
      return rejection(rules[deniedAt]!, outcomes[deniedAt] as LimitState, policy.route, request.apiKeyId);
    if (failed && policy.failMode === 'closed') {
      return {
        allowed: false,
        code: 'limit_store_unavailable',
        status: 503,
        reason: `rate limits cannot be checked and failMode is closed: ${failed.message}`,
      };
    }
    const counted = rules.filter((_, i) => !(outcomes[i] instanceof Error));
    const result = allowance(policy.limits, request, this.ticketFor(counted));
    if (failed) result.storeError = failed.message;
    rules.forEach((rule, i) => {
      const o = outcomes[i]!;
      if (o instanceof Error) return;
      if (rule.name === 'requestsPerMinute') result.requests = o;
      else if (rule.name === 'tokensPerMinute') result.tokens = o;
      else result.budget = o;
    });
    return result;
  }

  /** Gives back what the counters took for a request that will not run. */
  private refund(rules: CounterRule[], outcomes: Outcome[]): void {
    rules.forEach((rule, i) => {
      const o = outcomes[i]!;
      if (!(o instanceof Error) && o.allowed && rule.cost !== 0) this.quietCharge(rule, -rule.cost);
    });
  }

  private ticketFor(rules: CounterRule[]): LimitTicket {
    const tokenRules = rules.filter((r) => r.name !== 'requestsPerMinute');
    if (tokenRules.length === 0) return NOOP_TICKET;
    let settled = false;
    return {
      settle: (totalTokens?: number) => {
        if (settled || totalTokens === undefined || !Number.isFinite(totalTokens)) return;
        settled = true;
        const pending: Promise<unknown>[] = [];
        for (const rule of tokenRules) {
          const delta = Math.max(0, totalTokens) - rule.cost;
          if (delta === 0) continue;
          const done = this.quietCharge(rule, delta);
          if (done) pending.push(done);
        }
        if (pending.length > 0) return Promise.all(pending).then(() => undefined);
      },
    };
  }

  /** Charges without throwing; returns a promise only when the store is asynchronous. */
  private quietCharge(rule: CounterRule, cost: number): Promise<unknown> | undefined {
    try {
      const state = this.store.charge(rule.key, cost, rule.limit, rule.windowMs, rule.window);
      return isPromise(state) ? state.catch((e) => this.countError(asError(e))) : undefined;
    } catch (e) {
      this.countError(asError(e));
      return undefined;
    }
  }

  private countError(e: Error): void {
    this.stats.storeErrors++;
    this.stats.lastStoreError = e.message;
  }
}

function checkStateless(limits: Limits, request: LimitRequest): LimitRejection | undefined {
  if (limits.maxRequestBytes !== undefined && request.bytes !== undefined && request.bytes > limits.maxRequestBytes) {
    return {
      allowed: false,
      code: 'request_too_large',
      status: 413,
      limit: 'maxRequestBytes',
      reason: `the request body is ${request.bytes} bytes, over limits.maxRequestBytes (${limits.maxRequestBytes})`,
    };
  }
  if (limits.maxTokens !== undefined && request.maxTokens !== undefined && request.maxTokens > limits.maxTokens) {
    return {
      allowed: false,
      code: 'limit_exceeded',
      status: 400,
      limit: 'maxTokens',
      reason: `the request asks for ${request.maxTokens} completion tokens, over limits.maxTokens (${limits.maxTokens}); lower max_tokens`,
    };
  }
  return undefined;
}

function counterRules(policy: LimitPolicy, request: LimitRequest): CounterRule[] {
  const { limits } = policy;
  const rules: CounterRule[] = [];
  if (limits.requestsPerMinute === undefined && limits.tokensPerMinute === undefined && !limits.tokenBudget)
    return rules;
  // Length-prefixing the route keeps `a|b` + `c` apart from `a` + `b|c`; `~` marks the anonymous caller.
  const scope = `${policy.route.length}:${policy.route}|${request.apiKeyId === undefined ? '~' : `=${request.apiKeyId}`}`;
  const tokens = Math.max(0, Math.ceil(request.inputTokens ?? 0));
  if (limits.requestsPerMinute !== undefined) {
    rules.push({
      name: 'requestsPerMinute',
      key: `rpm|${scope}`,
      cost: 1,
      limit: limits.requestsPerMinute,
      windowMs: MINUTE_MS,
      window: 'rolling',
    });
  }
  if (limits.tokensPerMinute !== undefined) {
    rules.push({
      name: 'tokensPerMinute',
      key: `tpm|${scope}`,
      cost: tokens,
      limit: limits.tokensPerMinute,
      windowMs: MINUTE_MS,
      window: 'rolling',
    });
  }
  if (limits.tokenBudget) {
    rules.push({
      name: 'tokenBudget.perDay',
      key: `tpd|${scope}`,
      cost: tokens,
      limit: limits.tokenBudget.perDay,
      windowMs: DAY_MS,
      window: 'fixed',
    });
  }
  return rules;
}

function allowance(limits: Limits, request: LimitRequest, ticket: LimitTicket): LimitAllowance {
  const result: LimitAllowance = { allowed: true, ticket };
  if (limits.maxTokens !== undefined && request.maxTokens === undefined) result.maxTokensCap = limits.maxTokens;
  if (limits.timeoutMs !== undefined) result.timeoutMs = limits.timeoutMs;
  return result;
}

function rejection(rule: CounterRule, state: LimitState, route: string, apiKeyId: string | undefined): LimitRejection {
  const who = `${apiKeyId === undefined ? 'requests without an API key' : `API key "${apiKeyId}"`} on route ${route}`;
  if (!Number.isFinite(state.retryAfterMs)) {
    return {
      allowed: false,
      code: 'limit_exceeded',
      status: 400,
      limit: rule.name,
      reason: `the request's estimated ${rule.cost} prompt tokens exceed limits.${rule.name} (${rule.limit}) for ${who}; send a shorter prompt`,
    };
  }
  const retryAfterSeconds = Math.max(1, Math.ceil(state.retryAfterMs / 1000));
  const what =
    rule.name === 'requestsPerMinute'
      ? 'request rate limit reached'
      : rule.name === 'tokensPerMinute'
        ? 'token rate limit reached'
        : 'daily token budget spent (resets at 00:00 UTC)';
  return {
    allowed: false,
    code: 'rate_limited',
    status: 429,
    limit: rule.name,
    reason: `${what}: limits.${rule.name} is ${rule.limit} for ${who}; retry after ${retryAfterSeconds} s`,
    retryAfterSeconds,
  };
}

function asError(e: unknown): Error {
  return e instanceof Error ? e : new Error(String(e));
}

/** OpenAI-style `x-ratelimit-*` response headers for an allowed request (only for the limits the policy sets). */
export function rateLimitHeaders(limits: Limits, allowance: LimitAllowance): Record<string, string> {
  const headers: Record<string, string> = {};
  const put = (suffix: string, limit: number | undefined, state: LimitState | undefined) => {
    if (limit === undefined || !state) return;
    headers[`x-ratelimit-limit-${suffix}`] = String(limit);
    headers[`x-ratelimit-remaining-${suffix}`] = String(state.remaining);
    headers[`x-ratelimit-reset-${suffix}`] = `${Math.ceil(state.resetMs)}ms`;
  };
  put('requests', limits.requestsPerMinute, allowance.requests);
  put('tokens', limits.tokensPerMinute, allowance.tokens);
  return headers;
}
