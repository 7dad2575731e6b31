import type { Resource } from '../../graph.js';
import { fail, pass, type ResourceRule, type RuleContext } from '../../rule.js';
import { refTarget } from '../../sources/intrinsics.js';

function apiOf(ctx: RuleContext, route: Resource): Resource | undefined {
  const target = refTarget(route.properties.ApiId);
  const api = target ? ctx.graph.get(route, target) : undefined;
  return api?.type === 'AWS::ApiGatewayV2::Api' ? api : undefined;
}

const isNone = (v: unknown) => v === undefined || (typeof v === 'string' && v.toUpperCase() === 'NONE');

export const apigwv2RouteAuthorization: ResourceRule = {
  kind: 'resource',
  id: 'apigwv2-route-authorization',
  title: 'HTTP and WebSocket API routes require authorization',
  severity: 'high',
  resourceTypes: ['AWS::ApiGatewayV2::Route', 'AWS::ApiGatewayV2::Api'],
  controls: ['app-api-authorization'],
  description:
    'Every HTTP API route sets AuthorizationType to JWT, AWS_IAM or CUSTOM; for WebSocket APIs the $connect route, where authorization happens, does. CORS preflight routes (OPTIONS …) pass without one. An API created with the quick-create Target property gets a default route with no authorizer, so it fails too.',
  remediation: {
    text: 'Attach a JWT (Cognito or OIDC), IAM or Lambda authorizer to each route.',
    cloudformation:
      'ChatRoute:\n  Type: AWS::ApiGatewayV2::Route\n  Properties:\n    ApiId: !Ref HttpApi\n    RouteKey: POST /chat\n    AuthorizationType: JWT\n    AuthorizerId: !Ref JwtAuthorizer\n    Target: !Sub integrations/${ChatIntegration}',
    terraform:
      'resource "aws_apigatewayv2_route" "chat" {\n  api_id             = aws_apigatewayv2_api.this.id\n  route_key          = "POST /chat"\n  authorization_type = "JWT"\n  authorizer_id      = aws_apigatewayv2_authorizer.jwt.id\n}',
  },
  equivalents: {
    cdkNag: ['AwsSolutions-APIG4'],
    prowler: ['apigatewayv2_api_authorizers_enabled'],
    securityHub: ['APIGateway.8'],
  },
  evaluate(r, ctx) {
    if (r.type === 'AWS::ApiGatewayV2::Api') {
      return r.properties.Target === undefined
        ? undefined
        : fail(`API ${r.id} is quick-created with Target: its default route has no authorizer.`, { path: ['Target'] });
    }
    const key = ctx.value(r, ['RouteKey']);
    const routeKey = typeof key === 'string' ? key : '';
    if (/^OPTIONS\s/i.test(routeKey)) return pass(`Route ${r.id} is a CORS preflight route.`);
    const api = apiOf(ctx, r);
    if (api && ctx.value(api, ['ProtocolType']) === 'WEBSOCKET' && routeKey !== '$connect') return undefined;
    const auth = ctx.value(r, ['AuthorizationType']);
    return isNone(auth)
      ? fail(`Route ${r.id} (${routeKey || '?'}) has no authorization.`, {
          path: auth === undefined ? [] : ['AuthorizationType'],
        })
      : pass(`Route ${r.id} (${routeKey}) requires ${String(auth)} authorization.`);
  },
};
