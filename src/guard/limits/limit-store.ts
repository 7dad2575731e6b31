/**
 * Where the gateway keeps its rate-limit and budget counters: in process memory (one gateway) or in Redis (replicas
 * share them). Calls may answer synchronously: the memory store never returns a promise, so enforcing limits costs
 * no event-loop tick, while the Redis store returns one. Callers handle both (see `isPromise`).
 */

export type MaybePromise<T> = T | Promise<T>;

/**
 * `rolling`: a GCRA token bucket: up to `limit` at once, then refilled evenly over `windowMs` (requests per minute).
 * `fixed`: a counter that resets at each multiple of `windowMs` since the epoch, so a day-long window resets at
 * 00:00 UTC (daily budgets).
 */
export type WindowKind = 'rolling' | 'fixed';

/** A counter's state after a call. Times are milliseconds from now. */
export interface LimitState {
  allowed: boolean;
  /** Units still available after this call (0 when denied or in debt). */
  remaining: number;
  /** Until the counter is back to a full `limit` (rolling) or the window ends (fixed). */
  resetMs: number;
  /** When denied, until the same cost would fit; `Infinity` when the cost is larger than the limit; 0 when allowed. */
  retryAfterMs: number;
}

export interface LimitStore {
  /**
   * Takes `cost` units from the counter `key` if they fit in `limit` per `windowMs`; otherwise takes nothing and says
   * when they would fit. A cost of 0 only checks that the counter is not over its limit (a budget in debt).
   */
  consume(key: string, cost: number, limit: number, windowMs: number, window?: WindowKind): MaybePromise<LimitState>;
  /**
   * Adds `cost` units unconditionally (negative: gives them back), e.g. the real token count once a response is
   * known minus what `consume` reserved. The counter may go into debt; later `consume` calls are then denied.
   */
  charge(key: string, cost: number, limit: number, windowMs: number, window?: WindowKind): MaybePromise<LimitState>;
  /** Releases timers and connections. */
  close(): Promise<void>;
}

/** Raised (or rejected with) when the store cannot answer; the policy's fail mode decides what a request gets. */
export class LimitStoreUnavailableError extends Error {
  override readonly name = 'LimitStoreUnavailableError';
}

export function isPromise<T>(value: MaybePromise<T>): value is Promise<T> {
  return typeof (value as Promise<T> | undefined)?.then === 'function';
}

/** Validates the numeric arguments shared by both stores; a programming error, not a user one. */
export function checkLimitArgs(cost: number, limit: number, windowMs: number): void {
  if (!Number.isFinite(cost)) throw new RangeError(`limit cost must be a finite number, got ${cost}`);
  if (!(limit > 0) || !Number.isFinite(limit)) throw new RangeError(`limit must be a positive number, got ${limit}`);
  if (!(windowMs > 0) || !Number.isFinite(windowMs)) {
    throw new RangeError(`limit window must be a positive number of milliseconds, got ${windowMs}`);
  }
}
