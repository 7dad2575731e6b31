import { fail, pass, type ResourceRule } from '../../rule.js';
import { asArray, dig, isSet } from '../../values.js';

export const agentcoreJwtAuthorizerRestricted: ResourceRule = {
  kind: 'resource',
  id: 'agentcore-jwt-authorizer-restricted',
  title: 'AgentCore JWT authorizers accept only tokens issued for this agent',
  severity: 'high',
  resourceTypes: ['AWS::BedrockAgentCore::Runtime', 'AWS::BedrockAgentCore::Gateway'],
  controls: ['app-api-authorization', 'app-session-isolation'],
  description:
    'A runtime or gateway that uses a custom JWT authorizer also lists AllowedAudience or AllowedClients, so a token the same identity provider issued for another application is rejected. With a DiscoveryUrl alone, every user or client of the provider can call the agent. Runtimes without a JWT authorizer use IAM (SigV4) and are not evaluated.',
  remediation: {
    text: 'Add AllowedAudience or AllowedClients (and AllowedScopes where useful) to CustomJWTAuthorizer.',
    cloudformation:
      'AuthorizerConfiguration:\n  CustomJWTAuthorizer:\n    DiscoveryUrl: !Sub https://cognito-idp.${AWS::Region}.amazonaws.com/${UserPool}/.well-known/openid-configuration\n    AllowedClients: [!Ref AgentAppClient]',
    terraform:
      'authorizer_configuration {\n  custom_jwt_authorizer {\n    discovery_url   = local.discovery_url\n    allowed_clients = [aws_cognito_user_pool_client.agent.id]\n  }\n}',
  },
  equivalents: {},
  evaluate(r) {
    const jwtPath = ['AuthorizerConfiguration', 'CustomJWTAuthorizer'];
    const jwt = dig(r.properties, jwtPath);
    if (jwt === undefined) return undefined;
    const restricted = ['AllowedAudience', 'AllowedClients'].some((k) => {
      const v = dig(jwt, [k]);
      return Array.isArray(v) ? v.length > 0 : isSet(v);
    });
    const scopes = asArray(dig(jwt, ['AllowedScopes'])).length;
    return restricted
      ? pass(`${r.id} accepts only tokens for its own audience or clients.`)
      : fail(
          `${r.id} accepts any token from its identity provider: no AllowedAudience or AllowedClients${scopes ? ' (scopes alone do not identify the application)' : ''}.`,
          { path: jwtPath },
        );
  },
};
