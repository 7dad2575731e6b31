import { randomUUID } from 'node:crypto';
import net from 'node:net';
import fc from 'fast-check';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { LimitEnforcer } from './enforce.js';
import { type LimitState, LimitStoreUnavailableError } from './limit-store.js';
import { MemoryLimitStore } from './memory-store.js';
import { RedisLimitStore } from './redis-store.js';

const REDIS_HOST = '127.0.0.1';
const REDIS_PORT = 6379;
const REDIS_URL = `redis://${REDIS_HOST}:${REDIS_PORT}`;

function reachable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 500 });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.once('timeout', () => done(false));
  });
}

const redisUp = await reachable(REDIS_HOST, REDIS_PORT);
if (!redisUp) {
  console.warn(
    `Redis is not reachable at ${REDIS_URL}: skipping the RedisLimitStore tests that need it (CI runs them).`,
  );
}

/** Every test run writes under its own prefix and deletes it afterwards. */
const PREFIX = `steward:test:${randomUUID()}:`;
const stores: RedisLimitStore[] = [];

async function openStore(options: { now?: () => number; url?: string; keyPrefix?: string } = {}) {
  const store = new RedisLimitStore({ url: REDIS_URL, keyPrefix: PREFIX, ...options });
  stores.push(store);
  await store.ready(2000);
  return store;
}

afterAll(async () => {
  if (redisUp) {
    const admin = new Redis(REDIS_URL);
    const keys = await admin.keys(`${PREFIX}*`);
    if (keys.length > 0) await admin.del(...keys);
    await admin.quit();
  }
  await Promise.all(stores.map((s) => s.close()));
});

/** What the Lua scripts return: whole milliseconds, rounded up. */
function rounded(s: LimitState): LimitState {
  const ceil = (ms: number) => Math.ceil(ms);
  return {
    allowed: s.allowed,
    remaining: s.remaining,
    resetMs: ceil(s.resetMs),
    retryAfterMs: Number.isFinite(s.retryAfterMs) ? ceil(s.retryAfterMs) : s.retryAfterMs,
  };
}

describe.skipIf(!redisUp)(`RedisLimitStore against ${REDIS_URL}`, () => {
  it('gives the same answers as the memory store (the Lua mirrors window-math.ts)', async () => {
    let now = 0;
    const clock = () => now;
    const redis = await openStore({ now: clock });
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 20 }),
        fc.constantFrom(1000, 60_000, 86_400_000),
        fc.constantFrom('rolling' as const, 'fixed' as const),
        fc.array(
          fc.record({
            advance: fc.integer({ min: 0, max: 2000 }),
            cost: fc.integer({ min: -5, max: 25 }),
            charge: fc.boolean(),
          }),
          { maxLength: 30 },
        ),
        async (limit, windowMs, window, ops) => {
          now = Date.UTC(2025, 0, 1, 23, 59, 58);
          const memory = new MemoryLimitStore({ now: clock });
          const key = randomUUID();
          for (const op of ops) {
            now += op.advance;
            const cost = op.charge ? op.cost : Math.max(0, op.cost);
            const verb = op.charge ? 'charge' : 'consume';
            const expected = rounded(memory[verb](key, cost, limit, windowMs, window));
            expect(await redis[verb](key, cost, limit, windowMs, window)).toEqual(expected);
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('uses the Redis clock by default and sets an expiry on every key', async () => {
    const store = await openStore();
    const key = randomUUID();
    expect(await store.consume(key, 1, 2, 60_000)).toMatchObject({ allowed: true, remaining: 1 });
    expect(await store.consume(key, 1, 2, 60_000)).toMatchObject({ allowed: true, remaining: 0 });
    const denied = await store.consume(key, 1, 2, 60_000);
    expect(denied.allowed).toBe(false);
    expect(denied.retryAfterMs).toBeGreaterThan(29_000);
    expect(denied.retryAfterMs).toBeLessThanOrEqual(30_000);
    await store.consume(`${key}:day`, 5, 10, 86_400_000, 'fixed');
    const admin = new Redis(REDIS_URL);
    const ttls = [await admin.pttl(`${PREFIX}${key}`), await admin.pttl(`${PREFIX}${key}:day`)];
    await admin.quit();
    expect(ttls[0]).toBeGreaterThan(0);
    expect(ttls[0]).toBeLessThanOrEqual(60_000);
    expect(ttls[1]).toBeGreaterThan(0);
    expect(ttls[1]).toBeLessThanOrEqual(86_400_000);
  });

  it('shares counts between two store instances (two gateway replicas)', async () => {
    const [a, b] = [await openStore(), await openStore()];
    const key = randomUUID();
    expect((await a.consume(key, 1, 3, 60_000)).remaining).toBe(2);
    expect((await b.consume(key, 1, 3, 60_000)).remaining).toBe(1);
    expect((await a.consume(key, 1, 3, 60_000)).remaining).toBe(0);
    expect((await b.consume(key, 1, 3, 60_000)).allowed).toBe(false);
  });

  it('never over-admits under concurrent calls from two instances', async () => {
    const [a, b] = [await openStore(), await openStore()];
    const key = randomUUID();
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) => (i % 2 === 0 ? a : b).consume(key, 1, 25, 60_000)),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(25);
  });

  it('keeps prefixes apart', async () => {
    const a = await openStore();
    const b = await openStore({ keyPrefix: `${PREFIX}other:` });
    await a.consume('same', 1, 1, 60_000);
    expect((await b.consume('same', 1, 1, 60_000)).allowed).toBe(true);
  });

  it('drives the enforcer: a promise that resolves to the same decisions', async () => {
    const enforcer = new LimitEnforcer(await openStore());
    const policy = { route: randomUUID(), limits: { requestsPerMinute: 1 }, failMode: 'closed' as const };
    const first = enforcer.check(policy, { apiKeyId: 'k' });
    expect(first).toBeInstanceOf(Promise);
    expect((await first).allowed).toBe(true);
    expect(await enforcer.check(policy, { apiKeyId: 'k' })).toMatchObject({ allowed: false, code: 'rate_limited' });
  });

  it('fails fast while Redis is unreachable and recovers by itself when it is back', async () => {
    const proxy = await startProxy(REDIS_PORT);
    const store = await openStore({ url: `redis://127.0.0.1:${proxy.port}` });
    const key = randomUUID();
    expect((await store.consume(key, 1, 100, 60_000)).allowed).toBe(true);

    await proxy.stop();
    const started = performance.now();
    await expect(store.consume(key, 1, 100, 60_000)).rejects.toBeInstanceOf(LimitStoreUnavailableError);
    expect(performance.now() - started).toBeLessThan(500);

    await proxy.start();
    await store.ready(5000);
    expect(await store.consume(key, 1, 100, 60_000)).toMatchObject({ allowed: true, remaining: 98 });
    await proxy.stop();
  });
});

describe('RedisLimitStore without Redis', () => {
  it('rejects at once with an error naming the address and the cause', async () => {
    const port = await freePort();
    const store = new RedisLimitStore({ url: `redis://:secret@127.0.0.1:${port}` });
    stores.push(store);
    await expect(store.ready(300)).rejects.toThrow(/not connected after 300 ms/);
    const started = performance.now();
    const error = await store.consume('k', 1, 10, 1000).catch((e: unknown) => e);
    expect(performance.now() - started).toBeLessThan(100);
    expect(error).toBeInstanceOf(LimitStoreUnavailableError);
    const message = (error as Error).message;
    expect(message).toContain(`Redis at redis://:***@127.0.0.1:${port}`);
    expect(message).toContain('ECONNREFUSED');
    expect(message).not.toContain('secret');
  });

  it('makes the enforcer refuse under failMode closed and allow under open', async () => {
    const store = new RedisLimitStore({ url: `redis://127.0.0.1:${await freePort()}` });
    stores.push(store);
    const enforcer = new LimitEnforcer(store);
    const limits = { requestsPerMinute: 10 };
    expect(await enforcer.check({ route: 'default', limits, failMode: 'closed' }, {})).toMatchObject({
      allowed: false,
      code: 'limit_store_unavailable',
      status: 503,
    });
    expect(await enforcer.check({ route: 'default', limits, failMode: 'open' }, {})).toMatchObject({ allowed: true });
    expect(enforcer.stats.storeErrors).toBe(2);
  });
});

/** A port nothing listens on. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A TCP proxy to Redis that the test can take down and bring back on the same port. */
async function startProxy(targetPort: number) {
  let server: net.Server | undefined;
  const sockets = new Set<net.Socket>();
  let port = 0;
  const start = () =>
    new Promise<void>((resolve, reject) => {
      server = net.createServer((client) => {
        const upstream = net.connect(targetPort, REDIS_HOST);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
          s.on('error', () => s.destroy());
        }
        client.pipe(upstream).pipe(client);
      });
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as net.AddressInfo).port;
        resolve();
      });
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server?.close(() => resolve());
    });
  await start();
  return {
    get port() {
      return port;
    },
    start,
    stop,
  };
}
