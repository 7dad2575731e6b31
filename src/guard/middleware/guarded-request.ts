/**
 * What the middleware attaches to a request (`req.steward`, `request.steward`, `c.get('steward')`): the input
 * decision, the guarded body, the guard session (tokens, canary), and the output side of the same pipeline, so the
 * app's handler runs the output scanners on the model's answer with the request's system prompt and context. It also
 * writes the request's one audit line once the response (and any output stream) has ended.
 */
import { type AuditEvent, auditEvent } from '../gateway/audit-event.js';
import type { AuditLog } from '../gateway/audit-log.js';
import { GatewayError } from '../gateway/errors.js';
import { blockMessage, type Exchange, type TokenCounts } from '../gateway/exchange.js';
import { isObject, slotSegments, type TextSlot, writeBack } from '../gateway/text-slots.js';
import type {
  Guard,
  GuardDecision,
  GuardSession,
  OutputStream,
  StreamChunk,
  StreamOutputRequest,
} from '../guard-api.js';
import type { EffectivePolicy } from '../policy/compiled.js';
import type { ToolCall, ToolCallVerdict } from '../tools/index.js';
import { ToolCallStream } from './tool-call-stream.js';
import {
  checkExchangeToolCalls,
  completionToolCalls,
  type PendingApprovalCompletion,
  pendingCompletion,
  type ToolCallCheck,
  type ToolCallInput,
  toolCallsFrom,
} from './tool-calls.js';

/** What `streamOutput` takes: the request's route, key, model, system prompt and context are filled in. */
export type StreamOutputOptions = Pick<StreamOutputRequest, 'role' | 'holdBack' | 'lookback' | 'minRelease'>;

/** Called with each tool check's verdicts (blocked ones included, before the throw): a hook for the app's metrics. */
export type ToolVerdictsHook = (verdicts: readonly ToolCallVerdict[], request: GuardedRequest) => void;

export class GuardedRequest {
  /** The request body after the input guard (redacted, tokenized, canary added); set once the body was parsed. */
  body?: Record<string, unknown>;
  /** The request's system prompt and retrieved context as the input guard left them (for the output scanners). */
  systemPrompt?: string;
  context?: string[];
  readonly session: GuardSession;
  private openStreams = 0;
  private status?: number;
  private written = false;

  constructor(
    private readonly guard: Guard,
    /** The gateway's per-request record (decisions, tokens, limit ticket) the audit line is built from. @internal */
    readonly exchange: Exchange,
    private readonly auditLog: AuditLog | undefined,
    private readonly onToolVerdicts?: ToolVerdictsHook,
  ) {
    this.session = guard.newSession();
  }

  /** The request id: the audit line's `id` and the `x-request-id` response header. */
  get id(): string {
    return this.exchange.id;
  }

  /** The policy route name used for overrides (the request path unless the `route` option says otherwise). */
  get route(): string {
    return this.exchange.route;
  }

  get apiKeyId(): string | undefined {
    return this.exchange.apiKeyId;
  }

  get model(): string | undefined {
    return this.exchange.model;
  }

  /** The policy that applies to this route and API key (limits, fail mode, tools…). */
  get policy(): EffectivePolicy {
    return this.exchange.policy;
  }

  /** The input decision; absent when the request failed before the scanners ran (bad JSON, rate limit). */
  get input(): GuardDecision | undefined {
    return this.exchange.input;
  }

  /** Output decisions recorded so far (`inspectOutput`, `guardOutput`, `guardCompletion`, ended streams). */
  get outputs(): readonly GuardDecision[] {
    return this.exchange.outputs;
  }

  /** Whether the input or an output was blocked. */
  get blocked(): boolean {
    return this.exchange.blockedBy !== undefined;
  }

  /** Runs the output scanners over the model's text(s) and records the decision; never throws on a block. */
  inspectOutput(texts: string | readonly string[]): GuardDecision {
    const list = typeof texts === 'string' ? [texts] : texts;
    const decision = this.guard.inspectOutput(
      {
        route: this.route,
        apiKeyId: this.apiKeyId,
        model: this.model,
        segments: list.map((text) => ({ text })),
        systemPrompt: this.systemPrompt,
        context: this.context,
      },
      this.session,
    );
    this.record(decision);
    return decision;
  }

  /**
   * The model's answer made safe to return: redacted, tokens restored, disclaimers appended. Throws a
   * `GatewayError` with code `guard_blocked` (HTTP 400) when the output policy blocks it; the adapters' error
   * handling turns that into the OpenAI-shaped error response.
   */
  guardOutput(text: string): string {
    const decision = this.inspectOutput(text);
    if (decision.blocked) throw blockedError(decision);
    return decision.segments[0]!.text;
  }

  /**
   * An OpenAI Chat Completion guarded as the gateway guards upstream answers: its texts (`choices[].message.content`)
   * through the output scanners, in place, then its tool calls (`choices[].message.tool_calls`) through the policy's
   * `tools:` rules. Returns the same object, or, when a call needs approval, the gateway's pending-approval
   * completion instead (no `tool_calls`, so no agent loop runs them). Throws `guard_blocked` when the text or a tool
   * call is blocked.
   */
  guardCompletion<T extends object>(completion: T): T | PendingApprovalCompletion {
    const slots = completionSlots(completion);
    if (slots.length > 0) {
      const decision = this.inspectOutput(slotSegments(slots).map((s) => s.text));
      if (decision.blocked) throw blockedError(decision);
      if (decision.changed) writeBack(slots, decision.segments);
    }
    const calls = completionToolCalls(completion);
    if (calls.length === 0) return completion;
    const check = this.check(calls);
    if (check.decision !== 'require_approval') return completion;
    const model = this.model ?? String((completion as { model?: unknown }).model ?? '');
    return pendingCompletion(model, calls, check);
  }

  /**
   * Checks tool calls a model proposed, in any response shape, against the policy's `tools:` rules (allow/deny,
   * argument schemas, denied paths, hosts, SQL verbs, approval): `{ id?, name, arguments }` each, `arguments` a JSON
   * string or a parsed value. Records the verdicts for the audit line. Throws `guard_blocked` (HTTP 400, naming the
   * tools) when a call is blocked; returns `require_approval` with the approval details when one needs a human. A
   * policy without `tools:` allows every call and records nothing.
   */
  checkToolCalls(calls: readonly ToolCallInput[]): ToolCallCheck {
    return this.check(toolCallsFrom(calls));
  }

  /**
   * Tool calls of a streamed OpenAI answer, one per choice: push each chunk's `delta.tool_calls` instead of sending
   * it, and call `end()` when the choice finishes; it checks the assembled calls like `checkToolCalls` and returns
   * them whole to send, or the pending-approval chunks to send instead (throws `guard_blocked` on a block).
   */
  streamToolCalls(): ToolCallStream {
    return new ToolCallStream(
      (calls) => this.check(calls),
      () => this.model ?? '',
    );
  }

  /**
   * Incremental output inspection for a streamed answer (see `guard.streamOutput`): push each delta, send what
   * comes back, stop when `blocked`, call `end()` last. The decision is recorded when the stream ends or blocks, and
   * the audit line waits for it.
   */
  streamOutput(options: StreamOutputOptions = {}): OutputStream {
    const inner = this.guard.streamOutput(
      {
        ...options,
        route: this.route,
        apiKeyId: this.apiKeyId,
        model: this.model,
        systemPrompt: this.systemPrompt,
        context: this.context,
      },
      this.session,
    );
    this.openStreams++;
    let open = true;
    const settle = (chunk: StreamChunk): StreamChunk => {
      if (open && chunk.decision) {
        open = false;
        this.record(chunk.decision);
        this.openStreams--;
        this.writeAudit();
      }
      return chunk;
    };
    return {
      push: (delta) => settle(inner.push(delta)),
      end: () => settle(inner.end()),
      get blocked() {
        return inner.blocked;
      },
    };
  }

  /** The model's token usage, for the audit line and to settle token rate limits and budgets with real counts. */
  recordUsage(tokens: TokenCounts): void {
    this.exchange.tokens = { ...tokens };
  }

  /**
   * The adapters call this when the response has been sent (or failed) with its status. Writes the audit line and
   * settles the limit ticket, at once or when the last open output stream ends. Only the first call counts.
   * @internal
   */
  finish(status: number, error?: GatewayError): void {
    if (this.status !== undefined) return;
    this.status = status;
    if (error) this.exchange.error ??= error;
    this.writeAudit();
  }

  /** The audit event as it stands (what `finish` writes). */
  auditEvent(status = this.status ?? 200): AuditEvent {
    return auditEvent(this.exchange, status, performance.now() - this.exchange.t0);
  }

  private writeAudit(): void {
    if (this.written || this.status === undefined || this.openStreams > 0) return;
    this.written = true;
    const x = this.exchange;
    if (this.auditLog && x.policy.audit.enabled) this.auditLog.write(this.auditEvent(this.status));
    if (x.limitTicket) {
      const t = x.tokens;
      const total = t ? (t.total ?? (t.input ?? 0) + (t.output ?? 0)) : undefined;
      const done = x.limitTicket.settle(total);
      if (done) done.catch(() => undefined);
    }
  }

  private check(calls: readonly ToolCall[]): ToolCallCheck {
    const seen = this.exchange.tools?.length ?? 0;
    try {
      return checkExchangeToolCalls(this.exchange, calls);
    } finally {
      const verdicts = this.exchange.tools?.slice(seen) ?? [];
      if (verdicts.length > 0) this.onToolVerdicts?.(verdicts, this);
    }
  }

  /** Adds an output decision to the request's record; the exchange throws on a block, which is ours to report. */
  private record(decision: GuardDecision): void {
    try {
      this.exchange.recordOutput(decision);
    } catch (e) {
      if (!(e instanceof GatewayError)) throw e;
    }
  }
}

function blockedError(decision: GuardDecision): GatewayError {
  return new GatewayError('guard_blocked', blockMessage('response', decision.reason));
}

function completionSlots(completion: object): TextSlot[] {
  const choices = (completion as { choices?: unknown }).choices;
  const slots: TextSlot[] = [];
  if (!Array.isArray(choices)) return slots;
  for (const choice of choices) {
    const message = isObject(choice) ? choice.message : undefined;
    if (isObject(message) && typeof message.content === 'string') {
      slots.push({ holder: message, key: 'content', role: 'assistant' });
    }
  }
  return slots;
}
