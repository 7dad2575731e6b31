import { fail, pass, type ResourceRule } from '../../rule.js';

export const agentcoreBrowserVpc: ResourceRule = {
  kind: 'resource',
  id: 'agentcore-browser-vpc',
  title: 'AgentCore browser tool runs in your VPC',
  severity: 'medium',
  resourceTypes: ['AWS::BedrockAgentCore::BrowserCustom'],
  controls: ['app-agentcore-runtime-vpc', 'net-egress-restriction'],
  description:
    'NetworkConfiguration.NetworkMode is VPC, so the sites an agent can browse pass through your egress controls (proxy, DNS firewall, Network Firewall allow-lists) instead of the open internet, which limits where injected instructions can make it post data.',
  remediation: {
    text: 'Set NetworkMode: VPC with VpcConfig subnets whose egress goes through a filtering proxy or firewall.',
    cloudformation:
      'NetworkConfiguration:\n  NetworkMode: VPC\n  VpcConfig:\n    Subnets: [!Ref PrivateSubnetA]\n    SecurityGroups: [!Ref BrowserSg]',
    terraform:
      'network_configuration {\n  network_mode = "VPC"\n  vpc_config {\n    subnets         = aws_subnet.private[*].id\n    security_groups = [aws_security_group.browser.id]\n  }\n}',
  },
  equivalents: {},
  evaluate(tool, ctx) {
    const path = ['NetworkConfiguration', 'NetworkMode'];
    const mode = ctx.value(tool, path);
    return mode === 'VPC'
      ? pass(`Browser ${tool.id} runs in VPC mode.`)
      : fail(
          `Browser ${tool.id} runs in ${typeof mode === 'string' ? mode : 'an undeclared'} network mode, outside your egress controls.`,
          {
            path: mode === undefined ? [] : path,
          },
        );
  },
};
