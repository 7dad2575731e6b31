import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemoryLimitStore } from './memory-store.js';

/** A clock the test moves by hand. */
function fakeClock(start = Date.UTC(2025, 0, 1, 12)) {
  let now = start;
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('MemoryLimitStore rolling windows (GCRA)', () => {
  it('allows a burst of `limit`, then refills one unit per windowMs / limit', () => {
    const clock = fakeClock();
    const store = new MemoryLimitStore({ now: clock.now });
    const remaining = [1, 2, 3].map(() => store.consume('k', 1, 3, 1000));
    expect(remaining.map((s) => [s.allowed, s.remaining])).toEqual([
      [true, 2],
      [true, 1],
      [true, 0],
    ]);
    const denied = store.consume('k', 1, 3, 1000);
    expect(denied.allowed).toBe(false);
    expect(denied.retryAfterMs).toBeCloseTo(1000 / 3, 3);
    expect(denied.resetMs).toBeCloseTo(1000, 3);

    clock.advance(334);
    expect(store.consume('k', 1, 3, 1000).allowed).toBe(true);
    expect(store.consume('k', 1, 3, 1000).allowed).toBe(false);
    clock.advance(1000);
    expect(store.consume('k', 1, 3, 1000).remaining).toBe(2);
  });

  it('takes nothing when it denies, and says a cost above the limit can never fit', () => {
    const store = new MemoryLimitStore({ now: fakeClock().now });
    const tooBig = store.consume('k', 11, 10, 60_000);
    expect(tooBig).toMatchObject({ allowed: false, remaining: 10, retryAfterMs: Number.POSITIVE_INFINITY });
    expect(store.consume('k', 8, 10, 60_000)).toMatchObject({ allowed: true, remaining: 2 });
    expect(store.consume('k', 3, 10, 60_000)).toMatchObject({ allowed: false, remaining: 2 });
    expect(store.consume('k', 2, 10, 60_000)).toMatchObject({ allowed: true, remaining: 0 });
  });

  it('keeps keys apart', () => {
    const store = new MemoryLimitStore({ now: fakeClock().now });
    expect(store.consume('a', 1, 1, 1000).allowed).toBe(true);
    expect(store.consume('a', 1, 1, 1000).allowed).toBe(false);
    expect(store.consume('b', 1, 1, 1000).allowed).toBe(true);
  });

  it('charges into debt, so later calls wait until the debt is repaid', () => {
    const clock = fakeClock();
    const store = new MemoryLimitStore({ now: clock.now });
    const charged = store.charge('t', 150, 100, 60_000);
    expect(charged).toMatchObject({ allowed: false, remaining: 0 });
    const peek = store.consume('t', 0, 100, 60_000);
    expect(peek.allowed).toBe(false);
    // 50 tokens over the limit at 600 ms per token.
    expect(peek.retryAfterMs).toBeCloseTo(30_000, 3);
    clock.advance(30_000);
    expect(store.consume('t', 0, 100, 60_000).allowed).toBe(true);
  });

  it('gives units back with a negative charge, never below empty', () => {
    const store = new MemoryLimitStore({ now: fakeClock().now });
    store.consume('k', 5, 10, 1000);
    expect(store.charge('k', -3, 10, 1000).remaining).toBe(8);
    expect(store.charge('k', -100, 10, 1000).remaining).toBe(10);
    expect(store.consume('k', 10, 10, 1000).allowed).toBe(true);
  });

  it('never allows more than limit + refill over any period (token bucket bound)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 10, max: 5000 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 20 })), { maxLength: 200 }),
        (limit, windowMs, ops) => {
          const clock = fakeClock();
          const store = new MemoryLimitStore({ now: clock.now });
          let allowed = 0;
          let elapsed = 0;
          for (const [advance, cost] of ops) {
            clock.advance(advance);
            elapsed += advance;
            const state = store.consume('k', cost, limit, windowMs);
            if (state.allowed) allowed += cost;
            expect(state.remaining).toBeGreaterThanOrEqual(0);
            expect(state.remaining).toBeLessThanOrEqual(limit);
            if (!state.allowed) expect(state.retryAfterMs).toBeGreaterThan(0);
          }
          expect(allowed).toBeLessThanOrEqual(limit + (limit * elapsed) / windowMs + 1e-6);
        },
      ),
    );
  });
});

describe('MemoryLimitStore fixed windows', () => {
  it('resets at each multiple of the window since the epoch: a day-long window at 00:00 UTC', () => {
    const clock = fakeClock(Date.UTC(2025, 0, 1, 23));
    const store = new MemoryLimitStore({ now: clock.now });
    expect(store.consume('d', 10, 10, 86_400_000, 'fixed')).toMatchObject({ allowed: true, remaining: 0 });
    const denied = store.consume('d', 1, 10, 86_400_000, 'fixed');
    expect(denied).toMatchObject({ allowed: false, retryAfterMs: 3_600_000, resetMs: 3_600_000 });
    clock.advance(3_599_999);
    expect(store.consume('d', 1, 10, 86_400_000, 'fixed').allowed).toBe(false);
    clock.advance(1);
    expect(store.consume('d', 1, 10, 86_400_000, 'fixed')).toMatchObject({ allowed: true, remaining: 9 });
  });

  it('stays spent after a charge into debt until the window ends', () => {
    const clock = fakeClock(Date.UTC(2025, 0, 1, 0));
    const store = new MemoryLimitStore({ now: clock.now });
    store.charge('d', 1500, 1000, 86_400_000, 'fixed');
    clock.advance(86_399_000);
    expect(store.consume('d', 0, 1000, 86_400_000, 'fixed')).toMatchObject({ allowed: false, retryAfterMs: 1000 });
    clock.advance(1000);
    expect(store.consume('d', 0, 1000, 86_400_000, 'fixed').allowed).toBe(true);
  });

  it('does not read a rolling counter as a fixed one', () => {
    const store = new MemoryLimitStore({ now: fakeClock().now });
    store.consume('k', 5, 5, 1000);
    expect(store.consume('k', 5, 5, 1000, 'fixed').allowed).toBe(true);
  });
});

describe('MemoryLimitStore memory bound', () => {
  it('drops idle keys as calls go by', () => {
    const clock = fakeClock();
    const store = new MemoryLimitStore({ now: clock.now });
    for (let i = 0; i < 1000; i++) store.consume(`k${i}`, 1, 10, 1000);
    expect(store.size).toBe(1000);
    clock.advance(1001);
    for (let i = 0; i < 600; i++) store.consume('busy', 0, 10, 1000);
    expect(store.size).toBeLessThanOrEqual(1);
  });

  it('keeps live keys while sweeping', () => {
    const clock = fakeClock();
    const store = new MemoryLimitStore({ now: clock.now });
    store.consume('live', 10, 10, 3_600_000);
    for (let i = 0; i < 100; i++) store.consume(`short${i}`, 1, 10, 1000);
    clock.advance(2000);
    for (let i = 0; i < 200; i++) store.consume('other', 0, 10, 1000);
    expect(store.consume('live', 1, 10, 3_600_000).allowed).toBe(false);
  });

  it('never holds more than maxKeys', () => {
    const store = new MemoryLimitStore({ now: fakeClock().now, maxKeys: 100 });
    for (let i = 0; i < 1000; i++) store.consume(`k${i}`, 1, 10, 60_000);
    expect(store.size).toBe(100);
  });

  it('stores nothing for calls that leave a counter empty', () => {
    const store = new MemoryLimitStore({ now: fakeClock().now });
    store.consume('a', 0, 10, 1000);
    store.consume('b', 0, 10, 1000, 'fixed');
    store.consume('c', 11, 10, 1000);
    expect(store.size).toBe(0);
  });
});

describe('MemoryLimitStore arguments', () => {
  it('rejects a limit or window that is not positive, and a non-finite cost', () => {
    const store = new MemoryLimitStore();
    expect(() => store.consume('k', 1, 0, 1000)).toThrow(/limit must be a positive number/);
    expect(() => store.consume('k', 1, 10, 0)).toThrow(/window must be a positive number/);
    expect(() => store.consume('k', Number.NaN, 10, 1000)).toThrow(/cost must be a finite number/);
  });

  it('answers synchronously', () => {
    const state = new MemoryLimitStore().consume('k', 1, 10, 1000);
    expect(state).not.toBeInstanceOf(Promise);
  });
});
