/**
 * The audit line of one request. Texts appear only when the policy's `audit.includeText` is on; otherwise the line
 * says what was found (scanner, score, entity, offsets), never what the text was. API keys appear as their id.
 */
import type { GuardDecision } from '../guard-api.js';
import { ACTION_RANK, type GuardAction } from '../types.js';
import type { Exchange } from './exchange.js';

export interface AuditVerdict {
  direction: 'input' | 'output';
  scanner: string;
  id?: string;
  score: number;
  action: GuardAction;
  spans: { start: number; end: number; entity: string; score?: number; segment: number }[];
  latencyMs: number;
  error?: string;
}

export interface AuditEvent {
  id: string;
  time: string;
  route: string;
  /** The policy route key that applied (`default` when none matched). */
  policyRoute: string;
  apiKeyId?: string;
  model?: string;
  stream: boolean;
  status: number;
  /** The strongest action taken, `block` when anything blocked, `error` when the gateway failed the request. */
  action: GuardAction | 'error';
  blocked: boolean;
  blockedBy?: 'input' | 'output' | 'tools';
  reason?: string;
  verdicts: AuditVerdict[];
  tools?: { id: string; name: string; decision: string; reasons?: string[] }[];
  tokens?: { input?: number; output?: number; total?: number };
  latencyMs: number;
  scanMs: number;
  upstreamMs?: number;
  error?: { code: string; message: string };
  input?: { role: string; text: string }[];
  output?: string[];
}

/** The guard decisions of an exchange, input first. */
export function decisionsOf(x: Exchange): readonly GuardDecision[] {
  return x.input ? [x.input, ...x.outputs] : x.outputs;
}

/** What the audit line's `action` says: `block`, `error`, else the strongest action the scanners took. */
export function exchangeAction(x: Exchange, decisions: readonly GuardDecision[]): GuardAction | 'error' {
  if (x.blockedBy !== undefined) return 'block';
  if (x.error) return 'error';
  let action: GuardAction = 'allow';
  for (const d of decisions) if (ACTION_RANK[d.action] > ACTION_RANK[action]) action = d.action;
  return action;
}

/** Time spent in scanners (ms), input plus output. */
export function scanMsOf(decisions: readonly GuardDecision[]): number {
  let scanMs = 0;
  for (const d of decisions) scanMs += d.latencyMs;
  return scanMs;
}

export function auditEvent(x: Exchange, status: number, latencyMs: number): AuditEvent {
  const decisions = decisionsOf(x);
  const verdicts: AuditVerdict[] = [];
  for (const d of decisions) {
    for (const v of d.verdicts) {
      const av: AuditVerdict = {
        direction: d.direction,
        scanner: v.scanner,
        score: round(v.score),
        action: v.action,
        spans: v.spans.map((s) => {
          const span: AuditVerdict['spans'][number] = {
            start: s.start,
            end: s.end,
            entity: s.entity,
            segment: s.segment,
          };
          if (s.score !== undefined) span.score = round(s.score);
          return span;
        }),
        latencyMs: round(v.latencyMs),
      };
      if (v.id !== undefined) av.id = v.id;
      if (v.error !== undefined) av.error = v.error;
      verdicts.push(av);
    }
  }
  const blocked = x.blockedBy !== undefined;
  const event: AuditEvent = {
    id: x.id,
    time: new Date(x.startedAt).toISOString(),
    route: x.route,
    policyRoute: x.policy.route,
    stream: x.stream,
    status,
    action: exchangeAction(x, decisions),
    blocked,
    verdicts,
    latencyMs: round(latencyMs),
    scanMs: round(scanMsOf(decisions)),
  };
  if (x.apiKeyId !== undefined) event.apiKeyId = x.apiKeyId;
  if (x.model !== undefined) event.model = x.model;
  if (x.blockedBy !== undefined) event.blockedBy = x.blockedBy;
  const reason = blocked ? (x.blockReason ?? x.error?.message) : decisions.find((d) => d.reason)?.reason;
  if (reason !== undefined) event.reason = reason;
  if (x.tools) {
    // Tool reasons quote argument values, which are caller data: only with includeText.
    event.tools = x.tools.map((t) => ({
      id: t.id,
      name: t.name,
      decision: t.decision,
      ...(x.includeText ? { reasons: t.reasons } : {}),
    }));
  }
  if (x.tokens) event.tokens = x.tokens;
  if (x.upstreamMs !== undefined) event.upstreamMs = round(x.upstreamMs);
  if (x.error && !blocked) event.error = { code: x.error.code, message: x.error.message };
  if (x.includeText) {
    if (x.inputText) event.input = x.inputText.map((s) => ({ role: s.role, text: s.text }));
    if (x.outputText) event.output = x.outputText;
  }
  return event;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
