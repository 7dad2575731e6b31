/**
 * The policy's `limits` (LLM10) on the gateway's requests, through src/guard/limits' LimitEnforcer: checked after
 * the body is read and before any scanner runs (completion tokens asked, requests and estimated prompt tokens per
 * minute, daily token budget, per API key), settled with the upstream's real token count when the response ends.
 * With the memory store the check is synchronous; with Redis (`--redis`) it is one round trip.
 */
import { estimateRequestTokens, isPromise, type LimitEnforcer, rateLimitHeaders } from '../limits/index.js';
import { GatewayError, type GatewayErrorCode } from './errors.js';
import type { Exchange } from './exchange.js';

export interface LimitRequestFacts {
  /** Request body size in bytes. */
  bytes: number;
  /** The request's texts (prompt token estimate). */
  texts: readonly string[];
  /** Completion tokens the request asks for, if it says. */
  maxTokens?: number;
  /** Puts `limits.maxTokens` into the request when it asked for no cap; absent when the route cannot. */
  applyCap?: (cap: number) => void;
}

/**
 * Admits the request or throws the enforcer's rejection (400 `limit_exceeded`, 413, 429 `rate_limited` with
 * Retry-After, 503 `limit_store_unavailable`). Returns whether the body was changed (a completion-token cap).
 */
export async function admit(limits: LimitEnforcer, x: Exchange, facts: LimitRequestFacts): Promise<boolean> {
  const pending = limits.check(x.policy, {
    apiKeyId: x.apiKeyId,
    bytes: facts.bytes,
    inputTokens: estimateRequestTokens(facts.texts),
    maxTokens: facts.maxTokens,
  });
  const decision = isPromise(pending) ? await pending : pending;
  if (!decision.allowed) {
    throw new GatewayError(decision.code as GatewayErrorCode, decision.reason, {
      status: decision.status,
      retryAfterSeconds: decision.retryAfterSeconds,
    });
  }
  x.limitTicket = decision.ticket;
  if (decision.storeError !== undefined) x.limitStoreError = decision.storeError;
  const headers = rateLimitHeaders(x.policy.limits, decision);
  for (const name in headers) x.responseHeaders[name] = headers[name]!;
  if (decision.maxTokensCap !== undefined && facts.applyCap) {
    facts.applyCap(decision.maxTokensCap);
    return true;
  }
  return false;
}

/** The first of `values` that is a number. */
export function firstNumber(...values: unknown[]): number | undefined {
  for (const v of values) if (typeof v === 'number') return v;
  return undefined;
}
