import { fail, pass, type ResourceRule } from '../../rule.js';

export const agentcoreGatewayAuthorizer: ResourceRule = {
  kind: 'resource',
  id: 'agentcore-gateway-authorizer',
  title: 'AgentCore gateway authenticates its callers',
  severity: 'critical',
  resourceTypes: ['AWS::BedrockAgentCore::Gateway'],
  controls: ['app-api-authorization', 'app-tool-call-allowlist'],
  description:
    'AuthorizerType is CUSTOM_JWT or AWS_IAM, never NONE. A gateway exposes tools (Lambda functions, APIs, MCP servers) to agents; without an authorizer anyone who finds its URL can invoke them with the gateway role.',
  remediation: {
    text: 'Set AuthorizerType to AWS_IAM, or CUSTOM_JWT with an AuthorizerConfiguration naming your identity provider.',
    cloudformation:
      'AuthorizerType: CUSTOM_JWT\nAuthorizerConfiguration:\n  CustomJWTAuthorizer:\n    DiscoveryUrl: https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_pool/.well-known/openid-configuration\n    AllowedClients: [!Ref AgentAppClient]',
    terraform: 'authorizer_type = "AWS_IAM"',
  },
  equivalents: {},
  evaluate(gw, ctx) {
    const type = ctx.value(gw, ['AuthorizerType']);
    if (type === undefined) return fail(`Gateway ${gw.id} declares no AuthorizerType.`);
    return type === 'NONE'
      ? fail(`Gateway ${gw.id} has AuthorizerType NONE: its tools can be invoked without authentication.`, {
          path: ['AuthorizerType'],
        })
      : pass(`Gateway ${gw.id} authenticates callers (${typeof type === 'string' ? type : 'resolved at deploy'}).`);
  },
};
