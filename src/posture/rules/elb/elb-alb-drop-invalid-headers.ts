import { fail, pass, type ResourceRule } from '../../rule.js';
import { asBool } from '../../values.js';
import { lbType } from './load-balancers.js';

const KEY = 'routing.http.drop_invalid_header_fields.enabled';

export const elbAlbDropInvalidHeaders: ResourceRule = {
  kind: 'resource',
  id: 'elb-alb-drop-invalid-headers',
  title: 'Application Load Balancer drops invalid HTTP headers',
  severity: 'medium',
  resourceTypes: ['AWS::ElasticLoadBalancingV2::LoadBalancer'],
  controls: ['net-waf-managed-rules'],
  description:
    'The ALB sets the load balancer attribute routing.http.drop_invalid_header_fields.enabled to true, so malformed headers used for request smuggling and header injection never reach the AI application. Network and gateway load balancers are not judged.',
  remediation: {
    text: 'Add the attribute routing.http.drop_invalid_header_fields.enabled = true.',
    cloudformation:
      'LoadBalancerAttributes:\n  - Key: routing.http.drop_invalid_header_fields.enabled\n    Value: "true"',
    terraform: 'drop_invalid_header_fields = true',
  },
  equivalents: {
    checkov: ['CKV_AWS_131'],
    cdkNag: ['HIPAA.Security-ALBHttpDropInvalidHeaderEnabled'],
    prowler: ['elbv2_alb_drop_invalid_header_fields_enabled'],
    securityHub: ['ELB.4'],
  },
  evaluate(lb, ctx) {
    if (lbType(ctx, lb) !== 'application') return undefined;
    const attrs = lb.properties.LoadBalancerAttributes;
    const i = Array.isArray(attrs) ? attrs.findIndex((a) => (a as { Key?: unknown })?.Key === KEY) : -1;
    if (i >= 0 && asBool(ctx.value(lb, ['LoadBalancerAttributes', i, 'Value'])) === true)
      return pass(`ALB ${lb.id} drops invalid header fields.`);
    return fail(`ALB ${lb.id} forwards requests with invalid header fields.`, {
      path: i >= 0 ? ['LoadBalancerAttributes', i, 'Value'] : ['LoadBalancerAttributes'],
    });
  },
};
