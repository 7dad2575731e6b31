/**
 * One request through the gateway: what the routes learn (caller, model, guard decisions, tool verdicts, tokens,
 * upstream time) and what the audit line and metrics are built from when the response ends.
 */
import { randomBytes } from 'node:crypto';
import type { Guard, GuardDecision, GuardSession, Segment } from '../guard-api.js';
import type { LimitTicket } from '../limits/index.js';
import type { EffectivePolicy } from '../policy/compiled.js';
import type { ToolCallVerdict } from '../tools/index.js';
import { type ErrorFlavor, GatewayError } from './errors.js';
import { slotSegments, type TextSlot, writeBack } from './text-slots.js';

/** Gateway route names: what policies' `routes:` keys match and what audit lines and metrics call a route. */
export type RouteName =
  | '/v1/chat/completions'
  | 'bedrock:converse'
  | 'bedrock:converse-stream'
  | 'bedrock:invoke'
  | 'bedrock:invoke-with-response-stream';

export interface TokenCounts {
  input?: number;
  output?: number;
  total?: number;
}

/**
 * Request ids: 80 random bits per process (so workers and restarts never collide) + a 48-bit counter, 32 hex digits
 * in all. A UUID per request cost a random draw and a regex replace on the hot path for the same uniqueness.
 */
const ID_PREFIX = `req_${randomBytes(10).toString('hex')}`;
let idCounter = 0;

function nextRequestId(): string {
  idCounter = (idCounter + 1) % 0x1000000000000;
  return ID_PREFIX + idCounter.toString(16).padStart(12, '0');
}

export class Exchange {
  readonly id = nextRequestId();
  readonly startedAt = Date.now();
  readonly t0 = performance.now();
  model?: string;
  stream = false;
  input?: GuardDecision;
  readonly outputs: GuardDecision[] = [];
  tools?: ToolCallVerdict[];
  tokens?: TokenCounts;
  /** ms from sending upstream to its last byte. */
  upstreamMs?: number;
  upstreamSentAt?: number;
  error?: GatewayError;
  /** Which check stopped the exchange, if one did. */
  blockedBy?: 'input' | 'output' | 'tools';
  /** The block reason for the audit line when the client's message quotes caller data (tool arguments). */
  blockReason?: string;
  /** Settles the request's token reservation with the real count when it ends. */
  limitTicket?: LimitTicket;
  /** Set when the limit store failed and `failMode: open` let the request through. */
  limitStoreError?: string;
  /** Headers for a successful response (`x-ratelimit-*`). */
  readonly responseHeaders: Record<string, string> = {};
  /** Texts for the audit line; gathered only when the policy's `audit.includeText` is on. */
  inputText?: Segment[];
  outputText?: string[];

  constructor(
    readonly route: RouteName,
    readonly flavor: ErrorFlavor,
    readonly policy: EffectivePolicy,
    readonly apiKeyId: string | undefined,
  ) {}

  get includeText(): boolean {
    return this.policy.audit.includeText;
  }

  /** Runs the input scanners over `slots`, writes the transformed texts back, and throws `guard_blocked` on a block. */
  inspectInput(guard: Guard, slots: readonly TextSlot[], session: GuardSession): GuardDecision {
    const segments = slotSegments(slots);
    if (this.includeText) this.inputText = segments;
    const decision = guard.inspectInput(
      { route: this.route, apiKeyId: this.apiKeyId, model: this.model, segments },
      session,
    );
    this.input = decision;
    if (decision.blocked) {
      this.blockedBy = 'input';
      throw new GatewayError('guard_blocked', blockMessage('request', decision.reason));
    }
    if (decision.changed) writeBack(slots, decision.segments);
    return decision;
  }

  /** Records an output decision (whole response or stream) and throws `guard_blocked` when it blocked. */
  recordOutput(decision: GuardDecision): void {
    this.outputs.push(decision);
    if (this.includeText) {
      this.outputText ??= [];
      this.outputText.push(...decision.segments.map((s) => s.text));
    }
    if (decision.blocked) {
      this.blockedBy = 'output';
      throw new GatewayError('guard_blocked', blockMessage('response', decision.reason));
    }
  }

  /** Marks the upstream's last byte. */
  upstreamDone(): void {
    if (this.upstreamSentAt !== undefined && this.upstreamMs === undefined) {
      this.upstreamMs = performance.now() - this.upstreamSentAt;
    }
  }
}

/** `request blocked by prompt_injection (score 0.97)`: names the scanner, as the pipeline's reason does. */
export function blockMessage(what: 'request' | 'response', reason: string | undefined): string {
  if (!reason) return `${what} blocked by the guard policy`;
  return reason.startsWith('blocked') ? `${what} ${reason}` : `${what} blocked: ${reason}`;
}

/** Whether the policy asks for a canary in the system prompt (on by default with `system_prompt_leak`). */
export function wantsCanary(policy: EffectivePolicy): boolean {
  return policy.canary;
}

/** Appends the session canary to the request's first system text; false when the request has no system prompt. */
export function insertCanary(slots: readonly TextSlot[], guard: Guard, session: GuardSession): boolean {
  const slot = slots.find((s) => s.role === 'system');
  if (!slot) return false;
  const holder = slot.holder as Record<string | number, unknown>;
  holder[slot.key] = guard.withCanary(holder[slot.key] as string, session);
  return true;
}

/** A whole-request byte limit: the policy's or the gateway default. */
export function positiveOr(value: number | undefined, fallback: number): number {
  return value !== undefined && value > 0 ? value : fallback;
}
