import type { Severity } from '../findings/finding.js';
import type { Resource, ResourceGraph } from './graph.js';

export interface RuleEquivalents {
  checkov?: string[];
  cdkNag?: string[];
  prowler?: string[];
  securityHub?: string[];
  cfnNag?: string[];
}

export interface RuleMeta {
  /** Stable, readable id: `sagemaker-notebook-kms`, never a number. */
  id: string;
  title: string;
  severity: Severity;
  resourceTypes: string[];
  /** Catalog control ids this rule gives evidence for. */
  controls: string[];
  description: string;
  remediation: { text: string; cloudformation?: string; terraform?: string };
  equivalents: RuleEquivalents;
}

/** One verdict; `path` points at the offending property so the finding carries its line. */
export interface Verdict {
  /** `skip` = the control is not evidenced in these files (account-level controls). */
  status: 'pass' | 'fail' | 'skip';
  message: string;
  path?: (string | number)[];
  evidence?: Record<string, unknown>;
}

export interface RuleContext {
  graph: ResourceGraph;
  /** A property value with `Ref`s to template parameters replaced by their defaults. */
  value(resource: Resource, path: readonly (string | number)[]): unknown;
}

/** A per-resource rule: undefined means not applicable to this resource. */
export interface ResourceRule extends RuleMeta {
  kind: 'resource';
  evaluate(resource: Resource, ctx: RuleContext): Verdict | undefined;
}

/**
 * A rule over the whole scan, for account-level controls (GuardDuty, Security Hub…): it either finds the control
 * declared in the templates or says it is not evidenced here (a skip, never a pass or a fail).
 * `ctx.graph` holds only resources of the rule's `resourceTypes` (they are copied out of each template, across
 * worker threads too), and their positions go as deep as top-level properties. Every type a rule reads must be
 * listed; each one listed costs memory and transfer on large scans.
 */
export interface GraphRule extends RuleMeta {
  kind: 'graph';
  /**
   * The properties the rule reads, by resource type: `'*'` for all of them, or the top-level properties by name.
   * A type of `resourceTypes` not named here reaches the rule without properties (id, type, references, position,
   * metadata: enough to count, list and follow it). Default: every property of every type in `resourceTypes`. A
   * large scan holds every resource graph rules read until the end: roles, buckets and functions by the hundred
   * thousand, whose properties most graph rules never look at.
   */
  reads?: Readonly<Record<string, '*' | readonly string[]>>;
  evaluateGraph(ctx: RuleContext): (Verdict & { resource?: Resource })[];
}

export type Rule = ResourceRule | GraphRule;

export const pass = (message: string, extra: Partial<Verdict> = {}): Verdict => ({ status: 'pass', message, ...extra });
export const fail = (message: string, extra: Partial<Verdict> = {}): Verdict => ({ status: 'fail', message, ...extra });
