import { fail, pass, type ResourceRule } from '../../rule.js';
import { dig, isSet } from '../../values.js';

export const agentcoreRuntimeVpc: ResourceRule = {
  kind: 'resource',
  id: 'agentcore-runtime-vpc',
  title: 'AgentCore runtime runs in VPC network mode',
  severity: 'high',
  resourceTypes: ['AWS::BedrockAgentCore::Runtime'],
  controls: ['app-agentcore-runtime-vpc', 'net-ai-compute-in-vpc', 'net-egress-restriction'],
  description:
    'NetworkConfiguration.NetworkMode is VPC with subnets in NetworkModeConfig, so the agent code reaches tools, data and the internet only through your subnets, security groups and egress controls. In PUBLIC mode an agent steered by a prompt injection can send data to any host on the internet.',
  remediation: {
    text: 'Set NetworkMode: VPC with private Subnets and SecurityGroups, and give the subnets VPC endpoints or a filtered egress path.',
    cloudformation:
      'NetworkConfiguration:\n  NetworkMode: VPC\n  NetworkModeConfig:\n    Subnets: [!Ref PrivateSubnetA, !Ref PrivateSubnetB]\n    SecurityGroups: [!Ref AgentSg]',
    terraform:
      'network_configuration {\n  network_mode = "VPC"\n  network_mode_config {\n    subnets         = aws_subnet.private[*].id\n    security_groups = [aws_security_group.agent.id]\n  }\n}',
  },
  equivalents: {},
  evaluate(runtime, ctx) {
    const modePath = ['NetworkConfiguration', 'NetworkMode'];
    const mode = ctx.value(runtime, modePath);
    if (mode !== 'VPC')
      return fail(
        `Runtime ${runtime.id} runs in ${mode === undefined ? 'no declared (PUBLIC)' : typeof mode === 'string' ? mode : JSON.stringify(mode)} network mode, not VPC.`,
        { path: mode === undefined ? [] : modePath },
      );
    const subnets = dig(runtime.properties, ['NetworkConfiguration', 'NetworkModeConfig', 'Subnets']);
    return (Array.isArray(subnets) ? subnets.length > 0 : isSet(subnets))
      ? pass(`Runtime ${runtime.id} runs in VPC mode.`)
      : fail(`Runtime ${runtime.id} selects VPC mode but names no subnets.`, { path: ['NetworkConfiguration'] });
  },
};
