/**
 * Counters in Redis, shared by every gateway replica pointed at it (`steward guard serve --redis <url>`). Each call
 * is one atomic Lua script (EVALSHA, loaded on first use), so concurrent replicas never lose an update.
 *
 * Failure behaviour is chosen for a request path with a ~1 ms budget: commands are never queued while Redis is
 * down (they fail at once with LimitStoreUnavailableError, and the policy's fail mode decides: `closed` refuses the
 * request, `open` lets it through), a reply slower than `commandTimeoutMs` counts as a failure, and the client keeps
 * reconnecting in the background with capped backoff, so limits apply again as soon as Redis is back.
 */
import { Redis } from 'ioredis';
import {
  checkLimitArgs,
  type LimitState,
  type LimitStore,
  LimitStoreUnavailableError,
  type WindowKind,
} from './limit-store.js';
import { FIXED_SCRIPT, ROLLING_SCRIPT } from './redis-scripts.js';

export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
export const DEFAULT_KEY_PREFIX = 'steward:limits:';

export interface RedisLimitStoreOptions {
  /** `redis://[user:password@]host:port[/db]` or `rediss://…` (TLS). Default redis://127.0.0.1:6379. */
  url?: string;
  /** An ioredis client to use instead (its own options apply; the store does not close it). */
  client?: Redis;
  /** Prepended to every key, so several policies or apps can share one Redis. Default `steward:limits:`. */
  keyPrefix?: string;
  /** A reply slower than this is a failure (default 250 ms). */
  commandTimeoutMs?: number;
  /** How long one connection attempt may take (default 2000 ms). */
  connectTimeoutMs?: number;
  /** Milliseconds since the epoch, sent to the scripts instead of Redis's clock; for tests. */
  now?: () => number;
}

type Reply = [allowed: number, remaining: number, resetMs: number, retryAfterMs: number];

/** The commands `defineCommand` adds to the client. */
interface ScriptCommands {
  stewardRollingLimit(key: string, ...args: (string | number)[]): Promise<Reply>;
  stewardFixedLimit(key: string, ...args: (string | number)[]): Promise<Reply>;
}

/** Reconnect delay: 100 ms, 200 ms, 400 ms… capped at 2 s, forever. */
function reconnectDelay(attempt: number): number {
  return Math.min(100 * 2 ** Math.min(attempt - 1, 5), 2000);
}

export class RedisLimitStore implements LimitStore {
  private readonly client: Redis;
  private readonly commands: ScriptCommands;
  private readonly ownsClient: boolean;
  private readonly prefix: string;
  private readonly now?: () => number;
  /** The URL without its password, for messages. */
  readonly where: string;
  private lastError?: string;

  constructor(options: RedisLimitStoreOptions = {}) {
    this.prefix = options.keyPrefix ?? DEFAULT_KEY_PREFIX;
    this.now = options.now;
    this.ownsClient = options.client === undefined;
    this.where = options.client ? 'Redis (given client)' : `Redis at ${redactUrl(options.url ?? DEFAULT_REDIS_URL)}`;
    this.client =
      options.client ??
      new Redis(options.url ?? DEFAULT_REDIS_URL, {
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        commandTimeout: options.commandTimeoutMs ?? 250,
        connectTimeout: options.connectTimeoutMs ?? 2000,
        retryStrategy: reconnectDelay,
      });
    // Without a listener ioredis prints every failed reconnect; keep the last one for error messages instead.
    this.client.on('error', (e: Error) => {
      this.lastError = e.message;
    });
    this.client.defineCommand('stewardRollingLimit', { numberOfKeys: 1, lua: ROLLING_SCRIPT });
    this.client.defineCommand('stewardFixedLimit', { numberOfKeys: 1, lua: FIXED_SCRIPT });
    this.commands = this.client as unknown as ScriptCommands;
  }

  /** Resolves once connected; rejects with LimitStoreUnavailableError (naming the cause) after `timeoutMs`. */
  ready(timeoutMs = 2000): Promise<void> {
    if (this.client.status === 'ready') return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.client.off('ready', onReady);
        reject(this.unavailable(`not connected after ${timeoutMs} ms`));
      }, timeoutMs);
      const onReady = () => {
        clearTimeout(timer);
        resolve();
      };
      this.client.once('ready', onReady);
    });
  }

  consume(
    key: string,
    cost: number,
    limit: number,
    windowMs: number,
    window: WindowKind = 'rolling',
  ): Promise<LimitState> {
    return this.run(key, cost, limit, windowMs, window, false);
  }

  charge(
    key: string,
    cost: number,
    limit: number,
    windowMs: number,
    window: WindowKind = 'rolling',
  ): Promise<LimitState> {
    return this.run(key, cost, limit, windowMs, window, true);
  }

  async close(): Promise<void> {
    if (!this.ownsClient) return;
    if (this.client.status === 'ready') await this.client.quit().catch(() => this.client.disconnect());
    else this.client.disconnect();
  }

  private async run(
    key: string,
    cost: number,
    limit: number,
    windowMs: number,
    window: WindowKind,
    force: boolean,
  ): Promise<LimitState> {
    checkLimitArgs(cost, limit, windowMs);
    // Fail at once rather than wait for a reconnect: the request is waiting.
    if (this.client.status !== 'ready') throw this.unavailable(`not connected (${this.client.status})`);
    const args = [cost, limit, windowMs, this.now ? this.now() : '', force ? '1' : '0'];
    let reply: Reply;
    try {
      reply =
        window === 'rolling'
          ? await this.commands.stewardRollingLimit(this.prefix + key, ...args)
          : await this.commands.stewardFixedLimit(this.prefix + key, ...args);
    } catch (e) {
      throw this.unavailable((e as Error).message);
    }
    const [allowed, remaining, resetMs, retryAfterMs] = reply.map(Number) as Reply;
    return {
      allowed: allowed === 1,
      remaining,
      resetMs,
      retryAfterMs: retryAfterMs < 0 ? Number.POSITIVE_INFINITY : retryAfterMs,
    };
  }

  private unavailable(what: string): LimitStoreUnavailableError {
    const cause = this.lastError && !what.includes(this.lastError) ? `; last error: ${this.lastError}` : '';
    return new LimitStoreUnavailableError(`limit store unavailable: ${this.where} ${what}${cause}`);
  }
}

function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}
