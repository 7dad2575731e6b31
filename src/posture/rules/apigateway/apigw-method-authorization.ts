import { fail, pass, type ResourceRule } from '../../rule.js';

export const apigwMethodAuthorization: ResourceRule = {
  kind: 'resource',
  id: 'apigw-method-authorization',
  title: 'REST API methods require authorization',
  severity: 'high',
  resourceTypes: ['AWS::ApiGateway::Method'],
  controls: ['app-api-authorization'],
  description:
    'Every method sets AuthorizationType to AWS_IAM, COGNITO_USER_POOLS or CUSTOM, so only authenticated callers reach the model behind the API; CORS preflight (OPTIONS) methods pass without one. An unset AuthorizationType means NONE. Steward is stricter than Checkov CKV_AWS_59: ApiKeyRequired does not make a NONE method pass, because API keys identify a usage plan but do not authenticate a caller. A private API guarded only by its resource policy can suppress the finding with that reason.',
  remediation: {
    text: 'Set AuthorizationType to COGNITO_USER_POOLS (with AuthorizerId), AWS_IAM or CUSTOM (Lambda authorizer).',
    cloudformation:
      'ChatMethod:\n  Type: AWS::ApiGateway::Method\n  Properties:\n    HttpMethod: POST\n    AuthorizationType: COGNITO_USER_POOLS\n    AuthorizerId: !Ref UserPoolAuthorizer\n    RestApiId: !Ref Api\n    ResourceId: !Ref ChatResource',
    terraform:
      'resource "aws_api_gateway_method" "chat" {\n  http_method   = "POST"\n  authorization = "COGNITO_USER_POOLS"\n  authorizer_id = aws_api_gateway_authorizer.cognito.id\n  # ...\n}',
  },
  equivalents: {
    checkov: ['CKV_AWS_59'],
    cdkNag: ['AwsSolutions-APIG4'],
    cfnNag: ['W59'],
    prowler: ['apigateway_restapi_authorizers_enabled'],
  },
  evaluate(m, ctx) {
    const verb = ctx.value(m, ['HttpMethod']);
    if (typeof verb === 'string' && verb.toUpperCase() === 'OPTIONS')
      return pass(`Method ${m.id} is a CORS preflight (OPTIONS), which carries no credentials.`);
    const auth = ctx.value(m, ['AuthorizationType']);
    if (auth === undefined || (typeof auth === 'string' && auth.toUpperCase() === 'NONE'))
      return fail(
        `Method ${m.id} (${typeof verb === 'string' ? verb : '?'}) has no authorization${ctx.value(m, ['ApiKeyRequired']) ? ' (an API key identifies but does not authenticate the caller)' : ''}.`,
        { path: auth === undefined ? [] : ['AuthorizationType'] },
      );
    return pass(`Method ${m.id} requires ${typeof auth === 'string' ? auth : 'authorization'}.`);
  },
};
