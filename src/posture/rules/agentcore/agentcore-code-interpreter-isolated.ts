import { fail, pass, type ResourceRule } from '../../rule.js';

export const agentcoreCodeInterpreterIsolated: ResourceRule = {
  kind: 'resource',
  id: 'agentcore-code-interpreter-isolated',
  title: 'AgentCore code interpreter runs in a sandbox or your VPC, not on the public network',
  severity: 'high',
  resourceTypes: ['AWS::BedrockAgentCore::CodeInterpreterCustom'],
  controls: ['app-code-execution-sandbox', 'app-agentcore-runtime-vpc', 'net-egress-restriction'],
  description:
    'NetworkConfiguration.NetworkMode is SANDBOX (no network) or VPC. Code written by a model, possibly under the influence of injected instructions, then cannot download tooling or upload data to arbitrary internet hosts, as it can in PUBLIC mode.',
  remediation: {
    text: 'Set NetworkMode: SANDBOX, or VPC with subnets whose egress you control.',
    cloudformation: 'NetworkConfiguration:\n  NetworkMode: SANDBOX',
    terraform: 'network_configuration {\n  network_mode = "SANDBOX"\n}',
  },
  equivalents: {},
  evaluate(tool, ctx) {
    const path = ['NetworkConfiguration', 'NetworkMode'];
    const mode = ctx.value(tool, path);
    return mode === 'SANDBOX' || mode === 'VPC'
      ? pass(`Code interpreter ${tool.id} runs in ${mode} mode.`)
      : fail(
          `Code interpreter ${tool.id} runs in ${typeof mode === 'string' ? mode : 'an undeclared'} network mode; model-written code can reach the internet.`,
          { path: mode === undefined ? [] : path },
        );
  },
};
