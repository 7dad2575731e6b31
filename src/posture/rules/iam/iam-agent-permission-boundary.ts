import type { Resource } from '../../graph.js';
import { fail, pass, type ResourceRule, type RuleContext } from '../../rule.js';
import { refTarget } from '../../sources/intrinsics.js';
import { asArray, isSet } from '../../values.js';
import { trustedServices } from '../identity-policies.js';

const AGENT_SERVICES = ['bedrock.amazonaws.com', 'bedrock-agentcore.amazonaws.com'];

/** Roles run by Lambda functions that Bedrock agents call as action-group tools, in the same template. */
function toolRoleIds(ctx: RuleContext, role: Resource): Set<string> {
  const ids = new Set<string>();
  for (const agent of ctx.graph.ofType('AWS::Bedrock::Agent')) {
    if (ctx.graph.templateFile(agent) !== ctx.graph.templateFile(role)) continue;
    for (const group of asArray(agent.properties.ActionGroups)) {
      const executor = (group as { ActionGroupExecutor?: { Lambda?: unknown } } | undefined)?.ActionGroupExecutor;
      const fnId = refTarget(executor?.Lambda);
      const fn = fnId ? ctx.graph.get(agent, fnId) : undefined;
      const roleId = fn ? refTarget(fn.properties.Role) : undefined;
      if (roleId) ids.add(roleId);
    }
  }
  return ids;
}

/** Why a role acts for an agent, or undefined when it does not. */
function agentRoleReason(ctx: RuleContext, role: Resource): string | undefined {
  const svc = trustedServices(role).find((s) => AGENT_SERVICES.includes(s));
  if (svc) return `is assumed by ${svc}`;
  if (toolRoleIds(ctx, role).has(role.id)) return 'runs a Lambda tool of a Bedrock agent';
  return undefined;
}

export const iamAgentPermissionBoundary: ResourceRule = {
  kind: 'resource',
  id: 'iam-agent-permission-boundary',
  title: 'Agent roles are capped by a permissions boundary',
  severity: 'medium',
  resourceTypes: ['AWS::IAM::Role'],
  controls: ['iam-permission-boundaries-agents'],
  description:
    'Roles that agents act with (roles trusted by bedrock.amazonaws.com or bedrock-agentcore.amazonaws.com, and execution roles of Lambda functions that Bedrock agents call as action-group tools) set PermissionsBoundary, so whatever policies are later added to them, an agent steered by prompt injection cannot exceed the boundary.',
  remediation: {
    text: 'Set PermissionsBoundary to a managed policy that caps what agent roles may ever do.',
    cloudformation: 'PermissionsBoundary: !Ref AgentBoundaryPolicy',
    terraform: 'permissions_boundary = aws_iam_policy.agent_boundary.arn',
  },
  equivalents: {},
  evaluate(role, ctx) {
    const reason = agentRoleReason(ctx, role);
    if (!reason) return undefined;
    return isSet(ctx.value(role, ['PermissionsBoundary']))
      ? pass(`Role ${role.id} ${reason} and has a permissions boundary.`)
      : fail(`Role ${role.id} ${reason} but has no permissions boundary.`);
  },
};
