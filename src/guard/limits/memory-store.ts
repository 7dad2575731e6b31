/**
 * Counters in process memory, for a single gateway. Every call is O(1) and synchronous. Memory stays bounded two
 * ways: each call also inspects the next two keys of a round-robin sweep and drops them once idle (a key is idle
 * when its bucket is full again or its fixed window is over, so dropping it changes no answer), and past `maxKeys`
 * the least recently created key is evicted (that key's count restarts: a flood of distinct keys cannot exhaust
 * memory).
 */
import { checkLimitArgs, type LimitState, type LimitStore, type WindowKind } from './limit-store.js';
import { fixedStep, rollingStep } from './window-math.js';

export interface MemoryLimitStoreOptions {
  /** Most keys kept (default 100,000; about 100 bytes each). */
  maxKeys?: number;
  /** Milliseconds since the epoch; tests pass a fake clock. */
  now?: () => number;
}

const DEFAULT_MAX_KEYS = 100_000;
/** Keys the sweep inspects per call: more than one, so the sweep outpaces key creation. */
const SWEEP_PER_CALL = 2;
/** Keys inspected before evicting a live one when the store is full. */
const SWEEP_WHEN_FULL = 64;

class Counter {
  constructor(
    public window: WindowKind,
    /** Rolling: the TAT. Fixed: units used in `windowId`. */
    public value: number,
    public windowId: number,
    /** When the counter holds no information any more. */
    public expiresAt: number,
  ) {}
}

export class MemoryLimitStore implements LimitStore {
  private readonly counters = new Map<string, Counter>();
  private sweeper: Iterator<[string, Counter]> = this.counters.entries();
  private readonly maxKeys: number;
  private readonly now: () => number;

  constructor(options: MemoryLimitStoreOptions = {}) {
    this.maxKeys = options.maxKeys ?? DEFAULT_MAX_KEYS;
    if (!(this.maxKeys >= 1)) throw new RangeError(`maxKeys must be at least 1, got ${this.maxKeys}`);
    this.now = options.now ?? Date.now;
  }

  /** Keys currently held (for tests and metrics). */
  get size(): number {
    return this.counters.size;
  }

  consume(key: string, cost: number, limit: number, windowMs: number, window: WindowKind = 'rolling'): LimitState {
    return this.step(key, cost, limit, windowMs, window, false);
  }

  charge(key: string, cost: number, limit: number, windowMs: number, window: WindowKind = 'rolling'): LimitState {
    return this.step(key, cost, limit, windowMs, window, true);
  }

  async close(): Promise<void> {
    this.counters.clear();
  }

  private step(
    key: string,
    cost: number,
    limit: number,
    windowMs: number,
    window: WindowKind,
    force: boolean,
  ): LimitState {
    checkLimitArgs(cost, limit, windowMs);
    const now = this.now();
    this.sweep(now, SWEEP_PER_CALL);
    let counter = this.counters.get(key);
    // A key reused with another window kind starts over rather than misreading the other kind's state.
    if (counter && counter.window !== window) {
      this.counters.delete(key);
      counter = undefined;
    }
    if (window === 'rolling') {
      const { tat, state } = rollingStep(counter?.value ?? 0, now, cost, limit, windowMs, force);
      if (counter) {
        counter.value = tat;
        counter.expiresAt = tat;
      } else if (tat > now) this.insert(key, new Counter('rolling', tat, 0, tat), now);
      return state;
    }
    const { windowId, used, state } = fixedStep(
      counter?.windowId ?? -1,
      counter?.value ?? 0,
      now,
      cost,
      limit,
      windowMs,
      force,
    );
    const expiresAt = (windowId + 1) * windowMs;
    if (counter) {
      counter.value = used;
      counter.windowId = windowId;
      counter.expiresAt = expiresAt;
    } else if (used > 0) this.insert(key, new Counter('fixed', used, windowId, expiresAt), now);
    return state;
  }

  private insert(key: string, counter: Counter, now: number): void {
    if (this.counters.size >= this.maxKeys) {
      this.sweep(now, SWEEP_WHEN_FULL);
      if (this.counters.size >= this.maxKeys) {
        const oldest = this.counters.keys().next();
        if (!oldest.done) this.counters.delete(oldest.value);
      }
    }
    this.counters.set(key, counter);
  }

  /** Advances the round-robin sweep by up to `count` keys, dropping idle ones. Map iterators survive deletes. */
  private sweep(now: number, count: number): void {
    for (let i = 0; i < count; i++) {
      let next = this.sweeper.next();
      if (next.done) {
        if (this.counters.size === 0) return;
        this.sweeper = this.counters.entries();
        next = this.sweeper.next();
        if (next.done) return;
      }
      const [key, counter] = next.value;
      if (counter.expiresAt <= now) this.counters.delete(key);
    }
  }
}
