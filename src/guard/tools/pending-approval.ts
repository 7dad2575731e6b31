/**
 * What the client receives instead of tool calls that need a human's approval: a normal assistant message (so every
 * OpenAI client handles it) that says which calls are waiting, with `finish_reason: "stop"` and no `tool_calls`
 * (so no agent loop executes them), plus a `steward` field with the machine-readable details:
 *
 *   {
 *     "id": "chatcmpl-steward-<approvalId>", "object": "chat.completion", "created": 1700000000, "model": "gpt-4o",
 *     "choices": [{ "index": 0, "finish_reason": "stop", "logprobs": null,
 *                   "message": { "role": "assistant", "content": "…awaiting approval…", "refusal": null } }],
 *     "usage": { "prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0 },
 *     "steward": { "type": "pending_approval", "approval_id": "apr_…",
 *                  "tool_calls": [{ "id": "call_1", "name": "transfer_funds", "arguments": "{…}", "reasons": ["…"] }] }
 *   }
 *
 * Streaming clients get the same as chat.completion.chunk objects (pendingApprovalChunks). Bedrock Converse
 * clients get pendingApprovalConverse. Recording the approval and resuming the call is the caller's job: the
 * approval id is what ties the two together.
 */
import { randomBytes } from 'node:crypto';
import type { ToolCall, ToolCallVerdict } from './tool-call.js';

export interface PendingApprovalInput {
  model: string;
  /** The calls as proposed (arguments are shown to whoever approves). */
  calls: readonly ToolCall[];
  /** Their verdicts; only `require_approval` ones are listed as pending. */
  verdicts: readonly ToolCallVerdict[];
  approvalId?: string;
  /** Unix seconds; defaults to now. */
  created?: number;
}

export interface PendingToolCall {
  id: string;
  name: string;
  arguments: string;
  reasons: string[];
}

export interface PendingApprovalDetails {
  type: 'pending_approval';
  approval_id: string;
  tool_calls: PendingToolCall[];
}

export function newApprovalId(): string {
  return `apr_${randomBytes(12).toString('hex')}`;
}

export function pendingApprovalDetails(input: PendingApprovalInput): PendingApprovalDetails {
  const byId = new Map(input.calls.map((c) => [c.id, c]));
  const tool_calls = input.verdicts
    .filter((v) => v.decision === 'require_approval')
    .map((v) => {
      const call = byId.get(v.id);
      const args = call?.arguments;
      return {
        id: v.id,
        name: v.name,
        arguments: typeof args === 'string' ? args : JSON.stringify(args ?? {}),
        reasons: v.reasons,
      };
    });
  return { type: 'pending_approval', approval_id: input.approvalId ?? newApprovalId(), tool_calls };
}

export function pendingApprovalMessage(details: PendingApprovalDetails): string {
  const names = details.tool_calls.map((c) => `\`${c.name}\``).join(', ');
  const plural = details.tool_calls.length === 1 ? 'call' : 'calls';
  return (
    `The assistant wants to run the tool ${plural} ${names}, which need human approval first. ` +
    `Nothing has been executed. Approval id: ${details.approval_id}.`
  );
}

/** The full OpenAI `chat.completion` object (non-streaming). */
export function pendingApprovalCompletion(input: PendingApprovalInput) {
  const steward = pendingApprovalDetails(input);
  return {
    id: `chatcmpl-steward-${steward.approval_id}`,
    object: 'chat.completion' as const,
    created: input.created ?? Math.floor(Date.now() / 1000),
    model: input.model,
    choices: [
      {
        index: 0,
        finish_reason: 'stop' as const,
        logprobs: null,
        message: { role: 'assistant' as const, content: pendingApprovalMessage(steward), refusal: null },
      },
    ],
    usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
    steward,
  };
}

/** The same as `chat.completion.chunk` objects, for `data: <json>\n\n` SSE lines followed by `data: [DONE]`. */
export function pendingApprovalChunks(input: PendingApprovalInput) {
  const steward = pendingApprovalDetails(input);
  const base = {
    id: `chatcmpl-steward-${steward.approval_id}`,
    object: 'chat.completion.chunk' as const,
    created: input.created ?? Math.floor(Date.now() / 1000),
    model: input.model,
  };
  return [
    { ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] },
    { ...base, choices: [{ index: 0, delta: { content: pendingApprovalMessage(steward) }, finish_reason: null }] },
    { ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }], steward },
  ];
}

/** Bedrock Converse response shape (`stopReason: end_turn`, no toolUse blocks), with the same `steward` details. */
export function pendingApprovalConverse(input: Omit<PendingApprovalInput, 'model'>) {
  const steward = pendingApprovalDetails({ ...input, model: '' });
  return {
    output: { message: { role: 'assistant' as const, content: [{ text: pendingApprovalMessage(steward) }] } },
    stopReason: 'end_turn' as const,
    usage: { inputTokens: 0, outputTokens: 0, totalTokens: 0 },
    metrics: { latencyMs: 0 },
    steward,
  };
}
