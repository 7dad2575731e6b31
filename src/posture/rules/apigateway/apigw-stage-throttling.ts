import type { Resource } from '../../graph.js';
import { fail, pass, type ResourceRule } from '../../rule.js';
import { collectRefs } from '../../sources/intrinsics.js';
import { asArray, isSet } from '../../values.js';

const obj = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/** Rate and burst are both set (a single one leaves the other at the account default). */
const throttled = (s: Record<string, unknown>) => isSet(s.ThrottlingRateLimit) && isSet(s.ThrottlingBurstLimit);

/** A usage plan naming the stage with a throttle also limits every caller that uses it. */
function throttlingUsagePlan(stage: Resource, plans: Resource[]): Resource | undefined {
  return plans.find(
    (p) =>
      isSet(obj(p.properties.Throttle).RateLimit) &&
      asArray(p.properties.ApiStages).some((s) => collectRefs(obj(s).Stage).has(stage.id)),
  );
}

export const apigwStageThrottling: ResourceRule = {
  kind: 'resource',
  id: 'apigw-stage-throttling',
  title: 'API stage sets its own throttling limits',
  severity: 'medium',
  resourceTypes: ['AWS::ApiGateway::Stage', 'AWS::ApiGatewayV2::Stage'],
  controls: ['app-rate-limits-token-budgets'],
  description:
    'A REST stage throttles all methods (a MethodSettings entry for ResourcePath /* and HttpMethod * with rate and burst limits, or a usage plan with a Throttle naming the stage); an HTTP/WebSocket stage sets rate and burst in DefaultRouteSettings. Otherwise only the account-wide default of thousands of requests per second applies, far more than a model backend can serve or a budget can pay for.',
  remediation: {
    text: 'Set stage-wide throttling sized to the model backend (and per-client limits through usage plans).',
    cloudformation:
      'MethodSettings:\n  - ResourcePath: "/*"\n    HttpMethod: "*"\n    ThrottlingRateLimit: 20\n    ThrottlingBurstLimit: 40',
    terraform:
      'resource "aws_api_gateway_method_settings" "all" {\n  rest_api_id = aws_api_gateway_rest_api.this.id\n  stage_name  = aws_api_gateway_stage.this.stage_name\n  method_path = "*/*"\n  settings {\n    throttling_rate_limit  = 20\n    throttling_burst_limit = 40\n  }\n}',
  },
  equivalents: { cdkNag: ['Serverless-APIGWDefaultThrottling'] },
  evaluate(stage, ctx) {
    if (stage.type === 'AWS::ApiGatewayV2::Stage') {
      return throttled(obj(ctx.value(stage, ['DefaultRouteSettings'])))
        ? pass(`Stage ${stage.id} sets default route throttling.`)
        : fail(`Stage ${stage.id} sets no default route throttling: only account-level limits apply.`, {
            path: ['DefaultRouteSettings'],
          });
    }
    const all = asArray(stage.properties.MethodSettings)
      .map(obj)
      .find((s) => s.ResourcePath === '/*' && s.HttpMethod === '*' && throttled(s));
    if (all) return pass(`Stage ${stage.id} throttles every method.`);
    const plan = throttlingUsagePlan(stage, ctx.graph.referencing(stage, 'AWS::ApiGateway::UsagePlan'));
    if (plan) return pass(`Stage ${stage.id} is throttled by usage plan ${plan.id}.`);
    return fail(`Stage ${stage.id} sets no stage-wide throttling: only account-level limits apply.`, {
      path: ['MethodSettings'],
    });
  },
};
