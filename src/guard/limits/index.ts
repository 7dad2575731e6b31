/** LLM10 limits: request size, completion tokens asked, request and token rates, daily token budgets. */
export {
  DAY_MS,
  type LimitAllowance,
  type LimitDecision,
  LimitEnforcer,
  type LimitErrorCode,
  type LimitName,
  type LimitPolicy,
  type LimitRejection,
  type LimitRequest,
  type LimitStats,
  type LimitTicket,
  MINUTE_MS,
  rateLimitHeaders,
} from './enforce.js';
export { estimateRequestTokens, estimateTokens, MESSAGE_OVERHEAD_TOKENS } from './estimate-tokens.js';
export {
  isPromise,
  type LimitState,
  type LimitStore,
  LimitStoreUnavailableError,
  type MaybePromise,
  type WindowKind,
} from './limit-store.js';
export { MemoryLimitStore, type MemoryLimitStoreOptions } from './memory-store.js';
export { DEFAULT_KEY_PREFIX, DEFAULT_REDIS_URL, RedisLimitStore, type RedisLimitStoreOptions } from './redis-store.js';

import type { LimitStore } from './limit-store.js';
import { MemoryLimitStore } from './memory-store.js';
import { RedisLimitStore } from './redis-store.js';

/** The store `steward guard serve` uses: Redis when `--redis <url>` is given, else process memory. */
export function createLimitStore(options: { redisUrl?: string; keyPrefix?: string } = {}): LimitStore {
  return options.redisUrl === undefined
    ? new MemoryLimitStore()
    : new RedisLimitStore({ url: options.redisUrl, keyPrefix: options.keyPrefix });
}
