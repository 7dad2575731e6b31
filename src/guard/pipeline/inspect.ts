import type { GuardDecision, Segment } from '../guard-api.js';
import type { EffectivePolicy } from '../policy/compiled.js';
import { TokenVault } from '../session/token-vault.js';
import type { Direction, ScanContext } from '../types.js';
import { runScanners, type ScanOutcome } from './run-scanners.js';
import { applySpans, type Tokenizer } from './transform-spans.js';

/** What issues tokens and restores them in output: the caller's GuardSession, if any. */
export interface Vault extends Tokenizer {
  readonly restorable: boolean;
  restore(text: string): string;
}

/** Scan, decide and transform one request or response. */
export function inspect(
  direction: Direction,
  policy: EffectivePolicy,
  segments: readonly Segment[],
  ctx: ScanContext,
  vault: Vault | undefined,
  apiKeyId: string | undefined,
): GuardDecision {
  const t0 = performance.now();
  const entries = direction === 'input' ? policy.input : policy.output;
  const outcome = runScanners(entries, segments, ctx, policy.failMode);
  const { texts, changed } = transformSegments(direction, segments, outcome, vault);
  return decision(direction, policy, outcome, texts, changed, apiKeyId, performance.now() - t0);
}

/** Applies an outcome's spans (unless blocked) and, on output, restores tokens. */
export function transformSegments(
  direction: Direction,
  segments: readonly Segment[],
  outcome: ScanOutcome,
  vault: Vault | undefined,
): { texts: Segment[]; changed: boolean } {
  if (outcome.action === 'block') return { texts: segments.slice(), changed: false };
  const transforms = outcome.transforms;
  const restoring = direction === 'output' && vault !== undefined && vault.restorable;
  const appendix = direction === 'output' ? disclaimerText(outcome) : '';
  if (!transforms && !restoring && !appendix) return { texts: segments.slice(), changed: false };
  // Without a session, tokens still hide values but cannot be restored later.
  const v = vault ?? new TokenVault();
  let changed = false;
  const texts = segments.map((segment, i) => {
    const spans = transforms?.[i];
    let text = spans ? applySpans(segment.text, spans, v) : segment.text;
    // Restore after scanning and transforming: an output scanner must not see (or redact) the user's own values.
    if (restoring) text = v.restore(text);
    // Disclaimers go once, after the answer's last segment.
    if (appendix && i === segments.length - 1) text += appendix;
    if (text === segment.text) return segment;
    changed = true;
    return { role: segment.role, text };
  });
  return { texts, changed };
}

/** What the `disclaimer` action appends to an output: empty when no such verdict fired. */
export function disclaimerText(outcome: ScanOutcome): string {
  return outcome.disclaimers?.length ? `\n\n${outcome.disclaimers.join('\n')}` : '';
}

export function decision(
  direction: Direction,
  policy: EffectivePolicy,
  outcome: ScanOutcome,
  segments: Segment[],
  changed: boolean,
  apiKeyId: string | undefined,
  latencyMs: number,
): GuardDecision {
  const d: GuardDecision = {
    direction,
    action: outcome.action,
    blocked: outcome.action === 'block',
    verdicts: outcome.verdicts,
    segments,
    changed,
    route: policy.route,
    latencyMs,
  };
  if (outcome.reason !== undefined) d.reason = outcome.reason;
  if (apiKeyId !== undefined) d.apiKeyId = apiKeyId;
  return d;
}
