import {
  ASSESSMENT_SCHEMA_VERSION,
  type Assessment,
  counterOf,
  emptyTally,
  sortedFindings,
  type Tally,
} from '../assessment.js';
import { atOrAbove, type Finding, SEVERITIES, type Severity } from '../finding.js';
import { fingerprint } from '../fingerprint.js';
import type { ReportContext, Reporter } from './types.js';

/**
 * The findings JSON document (`steward assess` writes it as assessment.json). Its shape is a published contract:
 * docs/schemas/findings-v1.schema.json describes it, and a test keeps the two in step.
 */
export interface JsonFinding {
  ruleId: string;
  status: Finding['status'];
  severity: Severity;
  title: string;
  message: string;
  resource: {
    type: string;
    id: string;
    file: string | null;
    line: number | null;
    column?: number;
    path?: string;
  };
  controls: string[];
  suppressed: boolean;
  suppression?: { kind: 'inline' | 'baseline'; reason: string; source: string | null };
  part: Finding['part'];
  remediation?: string;
  docs?: string;
  evidence?: Record<string, unknown>;
  fingerprint: string;
}

/**
 * Counts for the whole run and the verdict at the failOn threshold. The brief for this document asked for both a
 * `failed` count and a `failed` boolean; they cannot share a key, so the count keeps the tally's name and the
 * boolean is `verdict`.
 */
export interface Summary {
  total: number;
  passed: number;
  /** Open (unsuppressed) failures, any severity. */
  failed: number;
  suppressed: number;
  skipped: number;
  errors: number;
  /** Open failures per severity. */
  bySeverity: Record<Severity, number>;
  failOn: Severity;
  /** `fail` when any open failure is at or above failOn: the run exits 1. */
  verdict: 'pass' | 'fail';
}

export function summarize(findings: readonly Finding[], failOn: Severity): Summary {
  const s = new SummaryBuilder();
  for (const f of findings) s.add(f);
  return s.finish(failOn);
}

/** `summarize`, one finding at a time (see RollupBuilder). */
export class SummaryBuilder {
  private total = 0;
  private readonly tally = emptyTally();
  private readonly bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;

  add(f: Finding): void {
    this.addCount(f.severity, counterOf(f), 1);
  }

  /** `n` findings of one severity that count as `counter` (an open failure is `failed`). */
  addCount(severity: Severity, counter: keyof Tally, n: number): void {
    this.total += n;
    this.tally[counter] += n;
    if (counter === 'failed') this.bySeverity[severity] += n;
  }

  finish(failOn: Severity): Summary {
    const failing = SEVERITIES.some((s) => this.bySeverity[s] > 0 && atOrAbove(s, failOn));
    return {
      total: this.total,
      ...this.tally,
      bySeverity: { ...this.bySeverity },
      failOn,
      verdict: failing ? 'fail' : 'pass',
    };
  }
}

/** Positive integers only: a 0 or NaN line is as good as no line. */
export function positiveInt(n: unknown): number | undefined {
  return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : undefined;
}

/**
 * A JSON-safe deep copy: bigint becomes a string, cycles and non-finite numbers become markers, functions and
 * symbols are dropped. Evidence is free-form, so rendering must not throw on whatever a rule put there.
 */
export function jsonSafe(value: unknown, seen: WeakSet<object> = new WeakSet()): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value !== 'object') return undefined;
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  try {
    if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
    if (Array.isArray(value)) return value.map((v) => jsonSafe(v, seen) ?? null);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const safe = jsonSafe(v, seen);
      if (safe !== undefined) out[k] = safe;
    }
    return out;
  } finally {
    seen.delete(value);
  }
}

export function toJsonFinding(f: Finding): JsonFinding {
  const r = f.resource;
  const column = positiveInt(r.column);
  const s = f.suppression;
  // Key order follows the documented shape, so diffs of assessment.json stay readable.
  return {
    ruleId: f.ruleId,
    status: f.status,
    severity: f.severity,
    title: f.title,
    message: f.message,
    resource: {
      type: r.type,
      id: r.id,
      file: r.file ?? null,
      line: positiveInt(r.line) ?? null,
      ...(column !== undefined ? { column } : {}),
      ...(r.path !== undefined ? { path: r.path } : {}),
    },
    controls: [...f.controls],
    suppressed: s !== undefined,
    ...(s ? { suppression: { kind: s.kind, reason: s.reason, source: s.source ?? null } } : {}),
    part: f.part,
    ...(f.remediation !== undefined ? { remediation: f.remediation } : {}),
    ...(f.docs !== undefined ? { docs: f.docs } : {}),
    ...(f.evidence !== undefined ? { evidence: jsonSafe(f.evidence) as Record<string, unknown> } : {}),
    fingerprint: fingerprint(f),
  };
}

/** The findings document as a value, for callers that want it without re-parsing the text. */
export function findingsDocument(assessment: Assessment, ctx: ReportContext) {
  const findings = sortedFindings(assessment.findings);
  const r = ctx.rollup;
  return {
    schemaVersion: ASSESSMENT_SCHEMA_VERSION,
    tool: { name: assessment.tool.name, version: assessment.tool.version },
    target: assessment.target,
    startedAt: assessment.startedAt,
    finishedAt: assessment.finishedAt,
    profile: assessment.profile,
    scope: assessment.scope,
    regulated: assessment.regulated,
    parts: assessment.parts,
    findings: findings.map(toJsonFinding),
    summary: summarize(findings, ctx.failOn),
    rollup: {
      byLayer: r.byLayer,
      byView: r.byView,
      byScope: r.byScope,
      byResponsibility: r.byResponsibility,
      // Insertion order follows the findings; sort so the document does not depend on input order.
      byOwasp: Object.fromEntries(Object.entries(r.byOwasp).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
      byFramework: r.byFramework,
      unknownControls: r.unknownControls,
    },
  };
}

export const renderJson: Reporter = (assessment, ctx) =>
  `${JSON.stringify(jsonSafe(findingsDocument(assessment, ctx)), null, 2)}\n`;
