import type { Severity } from '../../../findings/finding.js';
import type { Resource } from '../../graph.js';
import type { GraphRule, RuleEquivalents } from '../../rule.js';

interface AccountServiceSpec {
  id: string;
  title: string;
  service: string;
  severity: Severity;
  resourceTypes: string[];
  controls: string[];
  description: string;
  remediation: GraphRule['remediation'];
  equivalents: RuleEquivalents;
  /** Extra check on a declared resource; a string is the reason it does not count. */
  check?: (r: Resource) => string | undefined;
}

/**
 * Account-level services (GuardDuty, Security Hub, Macie…) are usually enabled outside a workload's templates.
 * When a template declares one it is checked; when none does, the control is reported as not evidenced here:
 * a skip that names the control, never a pass or a fail.
 */
export function accountServiceRule(spec: AccountServiceSpec): GraphRule {
  return {
    kind: 'graph',
    ...spec,
    evaluateGraph(ctx) {
      const declared = ctx.graph.ofType(...spec.resourceTypes);
      if (declared.length === 0) {
        return [
          {
            status: 'skip',
            message: `${spec.service} is not evidenced here: no ${spec.resourceTypes.join(' or ')} in the scanned templates. Confirm it is enabled account-wide (controls: ${spec.controls.join(', ')}).`,
          },
        ];
      }
      return declared.map((r) => {
        const problem = spec.check?.(r);
        return problem
          ? { status: 'fail' as const, message: `${r.id}: ${problem}`, resource: r }
          : { status: 'pass' as const, message: `${spec.service} is declared by ${r.id}.`, resource: r };
      });
    },
  };
}
