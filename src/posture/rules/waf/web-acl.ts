import type { Resource, ResourceGraph } from '../../graph.js';
import { refTarget } from '../../sources/intrinsics.js';
import { asArray } from '../../values.js';

/** One rule of a web ACL, or of a rule group the ACL references, with where it sits for the finding's line. */
export interface WafRule {
  rule: Record<string, unknown>;
  statement: Record<string, unknown>;
  /** Path inside the web ACL's Properties (the reference statement's rule for rules of a referenced group). */
  path: (string | number)[];
  /** Logical id of the rule group the rule came from, when not the ACL itself. */
  group?: string;
}

const obj = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/** The ACL's rules, followed into rule groups declared in the same template (RuleGroupReferenceStatement). */
export function webAclRules(graph: ResourceGraph, acl: Resource): WafRule[] {
  const out: WafRule[] = [];
  asArray(acl.properties.Rules).forEach((raw, i) => {
    const rule = obj(raw);
    const statement = obj(rule.Statement);
    out.push({ rule, statement, path: ['Rules', i] });
    const target = refTarget(obj(statement.RuleGroupReferenceStatement).Arn);
    const group = target ? graph.get(acl, target) : undefined;
    if (group?.type === 'AWS::WAFv2::RuleGroup') {
      for (const inner of asArray(group.properties.Rules)) {
        const r = obj(inner);
        out.push({ rule: r, statement: obj(r.Statement), path: ['Rules', i], group: group.id });
      }
    }
  });
  return out;
}

/** The AWS managed rule group a rule runs, by name (`AWSManagedRulesBotControlRuleSet`), if any. */
export function managedGroupName(r: WafRule): string | undefined {
  const m = obj(r.statement.ManagedRuleGroupStatement);
  return m.VendorName === 'AWS' && typeof m.Name === 'string' ? m.Name : undefined;
}

/** A managed group overridden to Count only labels and counts requests: it blocks nothing. */
export const countsOnly = (r: WafRule): boolean => 'Count' in obj(r.rule.OverrideAction);

/** A rule whose own action is Count (rate-based and custom rules) blocks nothing either. */
export const actionCountsOnly = (r: WafRule): boolean => 'Count' in obj(r.rule.Action);

export const ruleName = (r: WafRule): string =>
  `${typeof r.rule.Name === 'string' ? r.rule.Name : 'unnamed rule'}${r.group ? ` (rule group ${r.group})` : ''}`;
