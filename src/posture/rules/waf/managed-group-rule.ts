import type { Severity } from '../../../findings/finding.js';
import { fail, pass, type ResourceRule, type RuleEquivalents } from '../../rule.js';
import { countsOnly, managedGroupName, ruleName, webAclRules } from './web-acl.js';

interface ManagedGroupRuleSpec {
  id: string;
  title: string;
  severity: Severity;
  controls: string[];
  description: string;
  remediation: ResourceRule['remediation'];
  equivalents: RuleEquivalents;
  /** Names of AWS managed rule groups that satisfy the rule. */
  groups: string[];
  /** What is missing, for the failure message. */
  missing: string;
}

/** A web ACL rule: one of the named AWS managed rule groups runs and is not overridden to Count. */
export function managedGroupRule(spec: ManagedGroupRuleSpec): ResourceRule {
  const { groups, missing, ...meta } = spec;
  return {
    kind: 'resource',
    ...meta,
    resourceTypes: ['AWS::WAFv2::WebACL'],
    evaluate(acl, ctx) {
      const found = webAclRules(ctx.graph, acl).filter((r) => groups.includes(managedGroupName(r) ?? ''));
      const enforcing = found.filter((r) => !countsOnly(r));
      if (enforcing.length) return pass(`Web ACL ${acl.id} runs ${managedGroupName(enforcing[0]!)}.`);
      if (found.length)
        return fail(`Web ACL ${acl.id} runs ${ruleName(found[0]!)} in Count mode only: ${missing} are not blocked.`, {
          path: [...found[0]!.path, 'OverrideAction'],
        });
      return fail(`Web ACL ${acl.id} does not run ${groups[0]}: ${missing} are not blocked.`, { path: ['Rules'] });
    },
  };
}
