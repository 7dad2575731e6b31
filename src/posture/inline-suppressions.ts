import type { Suppression } from '../findings/finding.js';
import type { Resource } from './graph.js';
import type { RuleMeta } from './rule.js';
import { asArray } from './values.js';

export interface InlineSuppressionResult {
  suppression?: Suppression;
  /** A suppression entry that names this rule but gives no reason: not honoured, and said so. */
  missingReason?: string;
}

const entries = (v: unknown): Record<string, unknown>[] =>
  asArray(v).filter((e): e is Record<string, unknown> => !!e && typeof e === 'object');

/**
 * Suppressions declared in a resource's Metadata. Steward's own form is
 * `Metadata: { steward: { suppress: [{ rule, reason }] } }`; cfn_nag's `rules_to_suppress` and checkov's `skip`
 * are honoured too, through the rule's listed equivalents, and the suppression says which tool's metadata it came from.
 * A reason is mandatory: an entry without one is reported, never silently applied.
 */
export function inlineSuppression(resource: Resource, rule: RuleMeta): InlineSuppressionResult {
  const where = `${resource.position.file}:${resource.position.line}`;
  const md = resource.metadata;
  const candidates: { tool: string; id: unknown; reason: unknown }[] = [];
  for (const e of entries((md.steward as { suppress?: unknown } | undefined)?.suppress)) {
    candidates.push({ tool: 'steward', id: e.rule, reason: e.reason });
  }
  for (const e of entries((md.cfn_nag as { rules_to_suppress?: unknown } | undefined)?.rules_to_suppress)) {
    candidates.push({ tool: 'cfn_nag', id: e.id, reason: e.reason });
  }
  for (const e of entries((md.checkov as { skip?: unknown } | undefined)?.skip)) {
    candidates.push({ tool: 'checkov', id: e.id, reason: e.comment ?? e.reason });
  }
  for (const c of candidates) {
    const id = String(c.id ?? '');
    const matches =
      c.tool === 'steward'
        ? id === rule.id || id === '*'
        : (c.tool === 'checkov' ? rule.equivalents.checkov : rule.equivalents.cfnNag)?.includes(id);
    if (!matches) continue;
    const reason = typeof c.reason === 'string' ? c.reason.trim() : '';
    if (!reason)
      return { missingReason: `${where}: ${c.tool} suppression of ${id} has no reason, so it is not applied` };
    const via = c.tool === 'steward' ? '' : ` (from ${c.tool} metadata)`;
    return { suppression: { kind: 'inline', reason: `${reason}${via}`, source: where } };
  }
  return {};
}
