/**
 * Tool calls of a streamed OpenAI answer, as the gateway's stream relay treats them: the app holds the
 * `delta.tool_calls` fragments back (pushes them here instead of sending them), and when the choice finishes,
 * `end()` checks the assembled calls and says what to send: the calls whole (allowed), the pending-approval chunks
 * instead (approval), or nothing (blocked: it throws `guard_blocked`). A call's arguments arrive in pieces, so no
 * piece can be judged before the last one.
 */
import { isObject } from '../gateway/text-slots.js';
import { pendingApprovalChunks, type ToolCall } from '../tools/index.js';
import type { ToolCallCheck } from './tool-calls.js';

/** Arguments buffered per call, as in the gateway; past this the call is checked as over-long (and blocked). */
const MAX_BUFFERED_ARGUMENT_CHARS = 1024 * 1024;

/** One entry of an OpenAI `delta.tool_calls` array, whole. */
export interface ToolCallDelta {
  index: number;
  id: string;
  type: string;
  function: { name: string; arguments: string };
}

export interface StreamedToolCalls extends ToolCallCheck {
  /** Allowed: the assembled calls, to send as the finishing chunk's `delta.tool_calls`. Empty otherwise. */
  toolCalls: ToolCallDelta[];
  /** With `require_approval`: the `chat.completion.chunk` objects to send instead, then `data: [DONE]`. */
  pendingApprovalChunks?: ReturnType<typeof pendingApprovalChunks>;
}

interface HeldToolCall {
  id: string;
  type: string;
  name: string;
  args: string;
}

export class ToolCallStream {
  private readonly held = new Map<number, HeldToolCall>();
  private ended = false;

  /** @internal GuardedRequest.streamToolCalls makes these. */
  constructor(
    private readonly check: (calls: readonly ToolCall[]) => ToolCallCheck,
    private readonly model: () => string,
  ) {}

  /** Holds one chunk's `delta.tool_calls` (anything else, such as `undefined`, is ignored). */
  push(deltas: unknown): void {
    if (this.ended) throw new Error('ToolCallStream.push() after end()');
    if (!Array.isArray(deltas)) return;
    for (const d of deltas) {
      if (!isObject(d)) continue;
      const index = typeof d.index === 'number' ? d.index : 0;
      let call = this.held.get(index);
      if (!call) {
        call = { id: '', type: 'function', name: '', args: '' };
        this.held.set(index, call);
      }
      if (typeof d.id === 'string') call.id = d.id;
      if (typeof d.type === 'string') call.type = d.type;
      const fn = d.function;
      if (isObject(fn)) {
        if (typeof fn.name === 'string') call.name += fn.name;
        if (typeof fn.arguments === 'string' && call.args.length < MAX_BUFFERED_ARGUMENT_CHARS)
          call.args += fn.arguments;
      }
    }
  }

  /**
   * Checks the held calls (once the choice has finished) and records their verdicts. Throws `guard_blocked` when
   * one is blocked.
   */
  end(): StreamedToolCalls {
    if (this.ended) throw new Error('ToolCallStream.end() called twice');
    this.ended = true;
    const entries = [...this.held];
    const calls: ToolCall[] = entries.map(([, t]) => ({ id: t.id, name: t.name, arguments: t.args }));
    const check = this.check(calls);
    if (check.decision === 'require_approval') {
      const chunks = pendingApprovalChunks({
        model: this.model(),
        calls,
        verdicts: check.verdicts,
        approvalId: check.pendingApproval?.approval_id,
      });
      return { ...check, toolCalls: [], pendingApprovalChunks: chunks };
    }
    const toolCalls = entries.map(([index, t]) => ({
      index,
      id: t.id,
      type: t.type,
      function: { name: t.name, arguments: t.args },
    }));
    return { ...check, toolCalls };
  }
}
