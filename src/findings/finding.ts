/** Finding: the one value every Steward part produces and every reporter consumes. */

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const STATUSES = ['fail', 'pass', 'skip', 'error'] as const;
export type Status = (typeof STATUSES)[number];

/** Which Steward part produced the finding. */
export const PARTS = ['posture', 'account', 'guard', 'redteam', 'data', 'registry', 'assess'] as const;
export type Part = (typeof PARTS)[number];

export interface ResourceRef {
  /** CloudFormation / Terraform type, or a Steward subject type such as `Steward::Workload`. */
  type: string;
  /** Logical id, Terraform address, ARN or other stable id. */
  id: string;
  /** File path, relative to the scanned root, with forward slashes. */
  file?: string;
  line?: number;
  column?: number;
  /** Extra location hints: CDK construct path, JSON pointer inside the file. */
  path?: string;
}

export interface Suppression {
  kind: 'inline' | 'baseline';
  reason: string;
  /** Where the suppression was declared (file:line, or the baseline file). */
  source?: string;
}

export interface Finding {
  ruleId: string;
  title: string;
  severity: Severity;
  status: Status;
  message: string;
  resource: ResourceRef;
  /** Catalog control ids this finding gives evidence for. */
  controls: string[];
  part: Part;
  remediation?: string;
  /** Link to rule documentation. */
  docs?: string;
  /** Machine-readable facts behind the verdict (property values seen, paths followed). */
  evidence?: Record<string, unknown>;
  suppression?: Suppression;
}

const SEVERITY_RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };

export function severityRank(s: Severity): number {
  return SEVERITY_RANK[s];
}

export function atOrAbove(s: Severity, threshold: Severity): boolean {
  return SEVERITY_RANK[s] >= SEVERITY_RANK[threshold];
}

/** A failing finding that nobody suppressed: the ones that count against the workload. */
export function isOpenFailure(f: Finding): boolean {
  return f.status === 'fail' && !f.suppression;
}

/**
 * Code-unit order: the same on every machine (`localeCompare` follows the process locale, so two machines could
 * sort one scan's report differently), and much cheaper for the million findings of a large scan.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Stable order for every report: severity, rule, file, line, resource id. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
    compareText(a.ruleId, b.ruleId) ||
    compareText(a.resource.file ?? '', b.resource.file ?? '') ||
    (a.resource.line ?? 0) - (b.resource.line ?? 0) ||
    compareText(a.resource.id, b.resource.id)
  );
}
