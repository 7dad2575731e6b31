import { describe, expect, it } from 'vitest';
import { createGuard } from '../create-guard.js';
import type { Limits } from '../policy/schema.js';
import {
  type LimitAllowance,
  type LimitDecision,
  LimitEnforcer,
  type LimitPolicy,
  type LimitRejection,
  rateLimitHeaders,
} from './enforce.js';
import { type LimitState, type LimitStore, LimitStoreUnavailableError } from './limit-store.js';
import { MemoryLimitStore } from './memory-store.js';

function setup(limits: Limits, failMode: 'open' | 'closed' = 'closed') {
  let now = Date.UTC(2025, 0, 1, 12);
  const store = new MemoryLimitStore({ now: () => now });
  const enforcer = new LimitEnforcer(store);
  const policy: LimitPolicy = { route: 'default', limits, failMode };
  return {
    enforcer,
    policy,
    advance: (ms: number) => {
      now += ms;
    },
    /** The memory store answers synchronously: a promise here would be a regression. */
    check: (request: Parameters<LimitEnforcer['check']>[1], p: LimitPolicy = policy): LimitDecision => {
      const d = enforcer.check(p, request);
      expect(d).not.toBeInstanceOf(Promise);
      return d as LimitDecision;
    },
  };
}

function allowed(d: LimitDecision): LimitAllowance {
  if (!d.allowed) throw new Error(`expected allowed, got ${d.code}: ${d.reason}`);
  return d;
}

function rejected(d: LimitDecision): LimitRejection {
  if (d.allowed) throw new Error('expected a rejection');
  return d;
}

describe('LimitEnforcer stateless limits', () => {
  it('allows everything when the policy sets no limits', () => {
    const t = setup({});
    const d = allowed(t.check({ bytes: 10_000_000, maxTokens: 1_000_000, inputTokens: 1_000_000 }));
    expect(d.maxTokensCap).toBeUndefined();
    expect(d.ticket.settle(5)).toBeUndefined();
  });

  it('refuses a body over maxRequestBytes with a 413 that names the limit', () => {
    const t = setup({ maxRequestBytes: 1024 });
    expect(allowed(t.check({ bytes: 1024 })).allowed).toBe(true);
    const d = rejected(t.check({ bytes: 1025 }));
    expect(d).toMatchObject({ code: 'request_too_large', status: 413, limit: 'maxRequestBytes' });
    expect(d.reason).toContain('1025 bytes, over limits.maxRequestBytes (1024)');
  });

  it('refuses a request asking for more completion tokens than maxTokens, and gives the cap when it asks none', () => {
    const t = setup({ maxTokens: 500, timeoutMs: 3000 });
    const d = rejected(t.check({ maxTokens: 501 }));
    expect(d).toMatchObject({ code: 'limit_exceeded', status: 400, limit: 'maxTokens' });
    expect(d.reason).toContain('lower max_tokens');
    expect(allowed(t.check({ maxTokens: 500 })).maxTokensCap).toBeUndefined();
    expect(allowed(t.check({}))).toMatchObject({ maxTokensCap: 500, timeoutMs: 3000 });
  });
});

describe('LimitEnforcer counters', () => {
  it('rate-limits requests per API key with a 429 and a Retry-After', () => {
    const t = setup({ requestsPerMinute: 2 });
    expect(allowed(t.check({ apiKeyId: 'a' })).requests?.remaining).toBe(1);
    allowed(t.check({ apiKeyId: 'a' }));
    const d = rejected(t.check({ apiKeyId: 'a' }));
    expect(d).toMatchObject({ code: 'rate_limited', status: 429, limit: 'requestsPerMinute', retryAfterSeconds: 30 });
    expect(d.reason).toContain('limits.requestsPerMinute is 2 for API key "a" on route default');
    allowed(t.check({ apiKeyId: 'b' }));
    allowed(t.check({}));
    t.advance(30_000);
    allowed(t.check({ apiKeyId: 'a' }));
  });

  it('keeps separate counters per policy route, shared by routes without an override', () => {
    const guard = createGuard({
      policy: { limits: { requestsPerMinute: 1 }, routes: { 'bedrock:*': { limits: { requestsPerMinute: 1 } } } },
    });
    const t = setup({});
    const check = (route: string) => t.check({ apiKeyId: 'k' }, guard.policyFor(route, 'k'));
    allowed(check('/v1/chat/completions'));
    rejected(check('/v1/embeddings'));
    allowed(check('bedrock:converse'));
    rejected(check('bedrock:invoke'));
  });

  it('reserves estimated prompt tokens and refuses a prompt larger than the whole per-minute limit with a 400', () => {
    const t = setup({ tokensPerMinute: 100 });
    expect(allowed(t.check({ inputTokens: 60 })).tokens?.remaining).toBe(40);
    expect(rejected(t.check({ inputTokens: 60 }))).toMatchObject({ code: 'rate_limited', limit: 'tokensPerMinute' });
    const tooBig = rejected(t.check({ inputTokens: 101 }));
    expect(tooBig).toMatchObject({ code: 'limit_exceeded', status: 400, limit: 'tokensPerMinute' });
    expect(tooBig.reason).toContain('estimated 101 prompt tokens exceed limits.tokensPerMinute (100)');
  });

  it('gives back what other counters took when one refuses', () => {
    const t = setup({ requestsPerMinute: 2, tokensPerMinute: 100 });
    allowed(t.check({ inputTokens: 60 }));
    rejected(t.check({ inputTokens: 60 }));
    // The refused request's request slot came back: one slot is left for this one.
    expect(allowed(t.check({ inputTokens: 10 })).requests?.remaining).toBe(0);
  });

  it('charges the real total on settle, so a request over its estimate puts the key in debt', () => {
    const t = setup({ tokensPerMinute: 1000 });
    const first = allowed(t.check({ apiKeyId: 'a', inputTokens: 100 }));
    first.ticket.settle(1600);
    first.ticket.settle(100_000); // only the first settle counts
    const d = rejected(t.check({ apiKeyId: 'a', inputTokens: 0 }));
    // 600 tokens over at 60 ms per token.
    expect(d.retryAfterSeconds).toBe(36);
    t.advance(36_000);
    allowed(t.check({ apiKeyId: 'a', inputTokens: 0 }));
  });

  it('refunds an over-estimate on settle', () => {
    const t = setup({ tokensPerMinute: 100 });
    allowed(t.check({ inputTokens: 90 })).ticket.settle(10);
    expect(allowed(t.check({ inputTokens: 90 })).tokens?.remaining).toBe(0);
  });

  it('keeps a daily token budget spent until 00:00 UTC', () => {
    const t = setup({ tokenBudget: { perDay: 1000 } });
    allowed(t.check({ apiKeyId: 'a', inputTokens: 10 })).ticket.settle(1000);
    const d = rejected(t.check({ apiKeyId: 'a', inputTokens: 10 }));
    expect(d).toMatchObject({ code: 'rate_limited', limit: 'tokenBudget.perDay', retryAfterSeconds: 12 * 3600 });
    expect(d.reason).toContain('resets at 00:00 UTC');
    t.advance(12 * 3600 * 1000);
    expect(allowed(t.check({ apiKeyId: 'a', inputTokens: 10 })).budget?.remaining).toBe(990);
  });

  it('gives OpenAI-style rate-limit headers for the limits set', () => {
    const t = setup({ requestsPerMinute: 10, tokensPerMinute: 1000 });
    const d = allowed(t.check({ inputTokens: 100 }));
    expect(rateLimitHeaders(t.policy.limits, d)).toEqual({
      'x-ratelimit-limit-requests': '10',
      'x-ratelimit-remaining-requests': '9',
      'x-ratelimit-reset-requests': '6000ms',
      'x-ratelimit-limit-tokens': '1000',
      'x-ratelimit-remaining-tokens': '900',
      'x-ratelimit-reset-tokens': '6000ms',
    });
  });
});

/** A store that fails every call, as Redis does when it is down. */
class DownStore implements LimitStore {
  calls = 0;
  consume(): Promise<LimitState> {
    this.calls++;
    return Promise.reject(new LimitStoreUnavailableError('limit store unavailable: Redis at redis://x:6379/ is down'));
  }
  charge(): Promise<LimitState> {
    return this.consume();
  }
  async close(): Promise<void> {}
}

describe('LimitEnforcer when the store fails', () => {
  it('refuses with a 503 under failMode closed', async () => {
    const enforcer = new LimitEnforcer(new DownStore());
    const d = await enforcer.check({ route: 'default', limits: { requestsPerMinute: 5 }, failMode: 'closed' }, {});
    expect(d).toMatchObject({ allowed: false, code: 'limit_store_unavailable', status: 503 });
    expect((d as LimitRejection).reason).toContain('Redis at redis://x:6379/ is down');
    expect(enforcer.stats.storeErrors).toBe(1);
  });

  it('lets the request through and counts the error under failMode open', async () => {
    const enforcer = new LimitEnforcer(new DownStore());
    const d = await enforcer.check({ route: 'default', limits: { tokensPerMinute: 5 }, failMode: 'open' }, {});
    expect(d.allowed).toBe(true);
    expect((d as LimitAllowance).storeError).toContain('is down');
    expect(enforcer.stats).toMatchObject({ storeErrors: 1, lastStoreError: expect.stringContaining('is down') });
  });

  it('treats a store that throws synchronously the same way', () => {
    const store = new MemoryLimitStore();
    store.consume = () => {
      throw new Error('boom');
    };
    const enforcer = new LimitEnforcer(store);
    const d = enforcer.check({ route: 'default', limits: { requestsPerMinute: 5 }, failMode: 'closed' }, {});
    expect(d).toMatchObject({ allowed: false, code: 'limit_store_unavailable' });
  });

  it('does not let settle reject when the store fails', async () => {
    const store: LimitStore = new MemoryLimitStore();
    const enforcer = new LimitEnforcer(store);
    const d = enforcer.check(
      { route: 'default', limits: { tokensPerMinute: 100 }, failMode: 'closed' },
      { inputTokens: 5 },
    );
    store.charge = () => Promise.reject(new Error('gone'));
    await expect((d as LimitAllowance).ticket.settle(50)).resolves.toBeUndefined();
    expect(enforcer.stats.lastStoreError).toBe('gone');
  });
});
