/**
 * Tool calls as the middleware meets them: handed in by an app with its own response shape (`checkToolCalls`),
 * or found in an OpenAI chat completion (`guardCompletion`), and checked with the gateway's own helper so the
 * verdicts, block message and audit record are the gateway's.
 */

import type { Exchange } from '../gateway/exchange.js';
import { GatewayMetrics } from '../gateway/metrics.js';
import { isObject } from '../gateway/text-slots.js';
import { checkToolCalls, toolChecker } from '../gateway/tool-checks.js';
import {
  type PendingApprovalDetails,
  pendingApprovalCompletion,
  pendingApprovalDetails,
  type ToolCall,
  type ToolCallVerdict,
  toolCallsFromOpenAIMessage,
} from '../tools/index.js';

/** What `checkToolCalls` answers when no call was blocked (a block throws `guard_blocked`). */
export interface ToolCallCheck {
  decision: 'allow' | 'require_approval';
  /** One per call, in order; empty when the policy has no `tools:` section. */
  verdicts: ToolCallVerdict[];
  /** With `require_approval`: the approval id and the calls waiting for it, as the pending-approval response says. */
  pendingApproval?: PendingApprovalDetails;
}

/**
 * A tool call as an app hands it to `checkToolCalls`: `arguments` a JSON string (OpenAI) or an already parsed value
 * (Bedrock `toolUse.input`), absent for none; `id` the provider's call id, `call_<position>` when absent.
 */
export interface ToolCallInput {
  id?: string;
  name: string;
  arguments?: unknown;
}

/** The OpenAI chat completion that stands in for a model answer whose tool calls need approval. */
export type PendingApprovalCompletion = ReturnType<typeof pendingApprovalCompletion>;

/**
 * The gateway's helper also counts verdicts into its Prometheus metrics; the middleware serves no `/metrics`, so
 * those counts go nowhere (apps count through the `onToolVerdicts` option instead). At most three series.
 */
const UNRENDERED_METRICS = new GatewayMetrics();

/**
 * Checks calls against the exchange's `tools:` policy and records the verdicts on it (for the audit line). Throws
 * the gateway's `guard_blocked` GatewayError when a call is blocked.
 */
export function checkExchangeToolCalls(x: Exchange, calls: readonly ToolCall[]): ToolCallCheck {
  const checker = toolChecker(x.policy);
  if (!checker || calls.length === 0) return { decision: 'allow', verdicts: [] };
  // The helper throws on a block, so what comes back is `allow` or `require_approval`.
  const { decision, verdicts } = checkToolCalls(x, checker, calls, UNRENDERED_METRICS);
  if (decision !== 'require_approval') return { decision: 'allow', verdicts };
  return { decision, verdicts, pendingApproval: pendingApprovalDetails({ model: '', calls, verdicts }) };
}

/** The pending-approval completion the gateway would send for `check` (same approval id). */
export function pendingCompletion(model: string, calls: readonly ToolCall[], check: ToolCallCheck) {
  return pendingApprovalCompletion({
    model,
    calls,
    verdicts: check.verdicts,
    approvalId: check.pendingApproval?.approval_id,
  });
}

/**
 * An app's calls (ToolCallInput) as the checker's ToolCalls; a missing id becomes `call_<position>` so verdicts stay
 * tellable apart. Throws a TypeError naming the bad entry: a malformed call is the app's bug, not the model's.
 */
export function toolCallsFrom(calls: unknown): ToolCall[] {
  if (!Array.isArray(calls)) {
    throw new TypeError(
      `checkToolCalls() takes an array of tool calls ({ id, name, arguments }), not ${calls === null ? 'null' : typeof calls}`,
    );
  }
  return calls.map((c: unknown, i) => {
    if (!isObject(c)) throw new TypeError(`tool call ${i} must be an object { id, name, arguments }`);
    if (typeof c.name !== 'string' || c.name.trim() === '') {
      throw new TypeError(`tool call ${i} needs a non-empty string name`);
    }
    if (c.id !== undefined && typeof c.id !== 'string') throw new TypeError(`tool call ${i}: id must be a string`);
    return { id: c.id ?? `call_${i}`, name: c.name, arguments: c.arguments };
  });
}

/** The tool calls of an OpenAI chat completion, all choices (`choices[].message.tool_calls[]`), as the gateway reads them. */
export function completionToolCalls(completion: object): ToolCall[] {
  const choices = (completion as { choices?: unknown }).choices;
  if (!Array.isArray(choices)) return [];
  const calls: ToolCall[] = [];
  for (const choice of choices) if (isObject(choice)) calls.push(...toolCallsFromOpenAIMessage(choice.message));
  return calls;
}
