import { fail, pass, type ResourceRule } from '../../rule.js';
import { collectRefs } from '../../sources/intrinsics.js';

export const bedrockAgentRoleNotShared: ResourceRule = {
  kind: 'resource',
  id: 'bedrock-agent-role-not-shared',
  title: 'Each Bedrock agent has its own service role',
  severity: 'medium',
  resourceTypes: ['AWS::IAM::Role'],
  controls: ['iam-execution-role-per-workload', 'iam-permission-boundaries-agents'],
  description:
    'A role declared in the template is the AgentResourceRoleArn of at most one Bedrock agent. Agents sharing a role each hold the union of their permissions (models, knowledge bases, action-group Lambdas), and CloudTrail cannot tell which agent acted. Roles named by literal ARNs are not followed.',
  remediation: {
    text: 'Declare one service role per agent, scoped to the models, knowledge bases and action groups that agent uses.',
    cloudformation:
      'BillingAgentRole:\n  Type: AWS::IAM::Role   # one per agent\nBillingAgent:\n  Properties:\n    AgentResourceRoleArn: !GetAtt BillingAgentRole.Arn',
    terraform: 'agent_resource_role_arn = aws_iam_role.billing_agent.arn # one aws_iam_role per agent',
  },
  equivalents: { prowler: ['bedrock_agent_role_not_shared_across_agents'] },
  evaluate(role, ctx) {
    const agents = ctx.graph
      .referencing(role, 'AWS::Bedrock::Agent')
      .filter((a) => collectRefs(a.properties.AgentResourceRoleArn).has(role.id));
    if (agents.length === 0) return undefined;
    const names = agents.map((a) => a.id).join(', ');
    return agents.length > 1
      ? fail(`Role ${role.id} is the service role of ${agents.length} agents: ${names}.`, {
          evidence: { agents: agents.map((a) => a.id) },
        })
      : pass(`Role ${role.id} serves only agent ${names}.`);
  },
};
