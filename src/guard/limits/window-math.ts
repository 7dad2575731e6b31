/**
 * The counter arithmetic both stores share (redis-scripts.ts is the same arithmetic in Lua): pure functions from the
 * stored state and the clock to the new state and the answer.
 *
 * Rolling windows use GCRA (generic cell rate algorithm): one number per key, the "theoretical arrival time" (TAT)
 * at which the bucket would be full again. Each unit moves it `windowMs / limit` later; a call is allowed while the
 * TAT stays within `windowMs` of now. This is a token bucket of `limit` refilled continuously, O(1) in time and space.
 */
import type { LimitState } from './limit-store.js';

/** Slack for float rounding: three calls of `1000 / 3` ms must fit a 1000 ms window. */
const EPSILON = 1e-6;

export interface RollingStep {
  /** The TAT to store (unchanged when the call was denied). */
  tat: number;
  state: LimitState;
}

/** `force` (a charge) applies the cost even when it does not fit. A negative cost gives units back. */
export function rollingStep(
  tat: number,
  now: number,
  cost: number,
  limit: number,
  windowMs: number,
  force: boolean,
): RollingStep {
  const interval = windowMs / limit;
  const base = Math.max(tat, now);
  const next = Math.max(base + cost * interval, now);
  const allowed = next - now <= windowMs + EPSILON;
  const remaining = (debt: number) => Math.max(0, Math.floor((windowMs - debt) / interval + EPSILON));
  if (allowed || force) {
    return {
      tat: next,
      state: {
        allowed,
        remaining: remaining(next - now),
        resetMs: next - now,
        retryAfterMs: allowed ? 0 : next - windowMs - now,
      },
    };
  }
  return {
    tat,
    state: {
      allowed: false,
      remaining: remaining(base - now),
      resetMs: base - now,
      retryAfterMs: cost > limit ? Number.POSITIVE_INFINITY : next - windowMs - now,
    },
  };
}

export interface FixedStep {
  /** `floor(now / windowMs)`: which window the count belongs to. */
  windowId: number;
  used: number;
  state: LimitState;
}

export function fixedStep(
  windowId: number,
  used: number,
  now: number,
  cost: number,
  limit: number,
  windowMs: number,
  force: boolean,
): FixedStep {
  const id = Math.floor(now / windowMs);
  const current = windowId === id ? used : 0;
  const untilEnd = (id + 1) * windowMs - now;
  const next = Math.max(0, current + cost);
  const allowed = next <= limit + EPSILON;
  if (allowed || force) {
    return {
      windowId: id,
      used: next,
      state: {
        allowed,
        remaining: Math.max(0, Math.floor(limit - next)),
        resetMs: untilEnd,
        retryAfterMs: allowed ? 0 : untilEnd,
      },
    };
  }
  return {
    windowId: id,
    used: current,
    state: {
      allowed: false,
      remaining: Math.max(0, Math.floor(limit - current)),
      resetMs: untilEnd,
      retryAfterMs: cost > limit ? Number.POSITIVE_INFINITY : untilEnd,
    },
  };
}
