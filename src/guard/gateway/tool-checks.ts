/**
 * Tool calls in model responses against the policy's `tools:` rules (LLM06). A blocked call fails the response with
 * `guard_blocked`; calls that need approval make the route answer with the pending-approval response instead.
 */
import type { EffectivePolicy } from '../policy/compiled.js';
import {
  compileToolPolicy,
  overallDecision,
  type ToolCall,
  type ToolCallChecker,
  type ToolCallVerdict,
  type ToolDecision,
} from '../tools/index.js';
import { GatewayError } from './errors.js';
import type { Exchange } from './exchange.js';
import type { GatewayMetrics } from './metrics.js';

/** The checker for a resolved policy's `tools:` (compiled once per policy object), or undefined when it has none. */
export function toolChecker(policy: EffectivePolicy): ToolCallChecker | undefined {
  return policy.tools ? compileToolPolicy(policy.tools) : undefined;
}

/**
 * Checks the calls, records the verdicts on the exchange, and throws `guard_blocked` when one is blocked. Returns
 * `allow` or `require_approval`.
 */
export function checkToolCalls(
  x: Exchange,
  checker: ToolCallChecker,
  calls: readonly ToolCall[],
  metrics: GatewayMetrics,
): { decision: ToolDecision; verdicts: ToolCallVerdict[] } {
  const verdicts = checker.check(calls);
  x.tools ??= [];
  x.tools.push(...verdicts);
  for (const v of verdicts) metrics.toolCalls.inc([v.decision]);
  const decision = overallDecision(verdicts);
  if (decision === 'block') {
    x.blockedBy = 'tools';
    const blocked = verdicts.filter((v) => v.decision === 'block');
    x.blockReason = `blocked by tools: ${blocked.map((v) => v.name).join(', ')}`;
    const why = blocked.map((v) => `${v.name}: ${v.reasons.join('; ')}`).join(' | ');
    throw new GatewayError('guard_blocked', `response blocked by tools: ${why}`);
  }
  return { decision, verdicts };
}
