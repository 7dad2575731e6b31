import type { Suppression } from '../findings/finding.js';
import type { Resource } from './graph.js';
import type { RuleMeta } from './rule.js';
import { asArray } from './values.js';

export interface InlineSuppressionResult {
  suppression?: Suppression;
  /** A suppression entry that names this rule but gives no reason: not honoured, and said so. */
  missingReason?: string;
}

interface Candidate {
  tool: 'steward' | 'cfn_nag' | 'checkov';
  id: unknown;
  reason: unknown;
  /** `file:line` where it was written, when not the resource's own position (a `.tf` comment). */
  source?: string;
  /** Where another tool's suppression came from, for the reason: `checkov metadata`, `checkov comment`. */
  via?: string;
}

const entries = (v: unknown): Record<string, unknown>[] =>
  asArray(v).filter((e): e is Record<string, unknown> => !!e && typeof e === 'object');

function candidatesOf(resource: Resource): Candidate[] {
  const md = resource.metadata;
  const out: Candidate[] = [];
  for (const e of entries((md.steward as { suppress?: unknown } | undefined)?.suppress)) {
    out.push({ tool: 'steward', id: e.rule, reason: e.reason });
  }
  for (const e of entries((md.cfn_nag as { rules_to_suppress?: unknown } | undefined)?.rules_to_suppress)) {
    out.push({ tool: 'cfn_nag', id: e.id, reason: e.reason, via: 'cfn_nag metadata' });
  }
  for (const e of entries((md.checkov as { skip?: unknown } | undefined)?.skip)) {
    out.push({ tool: 'checkov', id: e.id, reason: e.comment ?? e.reason, via: 'checkov metadata' });
  }
  // Comments of the resource's `.tf` block (sources/terraform/tf-suppressions.ts); only a plan's parser sets them.
  if (resource.format === 'terraform-plan') {
    for (const e of entries((md.terraform as { suppressions?: unknown } | undefined)?.suppressions)) {
      const tool = e.tool === 'checkov' ? 'checkov' : 'steward';
      const source = typeof e.source === 'string' ? e.source : undefined;
      out.push({ tool, id: e.rule, reason: e.reason, source, via: tool === 'checkov' ? 'checkov:skip comment' : '' });
    }
  }
  return out;
}

/**
 * Suppressions declared on a resource. Steward's own form is CloudFormation
 * `Metadata: { steward: { suppress: [{ rule, reason }] } }` or, on a Terraform plan, a `# steward:suppress` comment in
 * the resource's `.tf` block; cfn_nag's `rules_to_suppress`, checkov's `skip` metadata and `checkov:skip=` comments
 * are honoured too, through the rule's listed equivalents, and the suppression says where it came from.
 * A reason is mandatory: an entry without one is reported, never silently applied (one with a reason wins).
 */
export function inlineSuppression(resource: Resource, rule: RuleMeta): InlineSuppressionResult {
  const here = `${resource.position.file}:${resource.position.line}`;
  let missingReason: string | undefined;
  for (const c of candidatesOf(resource)) {
    const id = String(c.id ?? '');
    const matches =
      c.tool === 'steward'
        ? id === rule.id || id === '*'
        : (c.tool === 'checkov' ? rule.equivalents.checkov : rule.equivalents.cfnNag)?.includes(id);
    if (!matches) continue;
    const where = c.source ?? here;
    const reason = typeof c.reason === 'string' ? c.reason.trim() : '';
    if (!reason) {
      missingReason ??= `${where}: ${c.tool} suppression of ${id} has no reason, so it is not applied`;
      continue;
    }
    const via = c.via ? ` (from ${c.via})` : '';
    return { suppression: { kind: 'inline', reason: `${reason}${via}`, source: where } };
  }
  return missingReason ? { missingReason } : {};
}
