import type { Resource } from '../../graph.js';
import type { GraphRule, RuleContext, Verdict } from '../../rule.js';
import { collectRefs } from '../../sources/intrinsics.js';
import { asArray } from '../../values.js';
import { isInternetFacing, lbType } from '../elb/load-balancers.js';

/** Public front doors Shield Advanced can protect (API Gateway is covered only through a CloudFront distribution). */
function publicEndpoints(ctx: RuleContext): Resource[] {
  return ctx.graph.resources.filter((r) => {
    if (r.type === 'AWS::CloudFront::Distribution' || r.type === 'AWS::GlobalAccelerator::Accelerator') return true;
    if (r.type === 'AWS::ElasticLoadBalancingV2::LoadBalancer')
      // Network load balancers are protected through their Elastic IPs, not as load balancers.
      return lbType(ctx, r) === 'application' && isInternetFacing(ctx, r);
    if (r.type === 'AWS::ElasticLoadBalancing::LoadBalancer') return isInternetFacing(ctx, r);
    return false;
  });
}

/** A Firewall Manager policy of type SHIELD_ADVANCED protects matching resources without per-resource templates. */
const isShieldFmsPolicy = (r: Resource) =>
  r.type === 'AWS::FMS::Policy' &&
  (r.properties.SecurityServicePolicyData as { Type?: unknown } | undefined)?.Type === 'SHIELD_ADVANCED';

/** Resource types a Firewall Manager policy applies to. */
const fmsTypes = (r: Resource): unknown[] => [r.properties.ResourceType, ...asArray(r.properties.ResourceTypeList)];

export const shieldAdvancedPublicEndpoints: GraphRule = {
  kind: 'graph',
  id: 'shield-advanced-public-endpoints',
  title: 'Public AI front doors are protected by AWS Shield Advanced',
  severity: 'medium',
  resourceTypes: [
    'AWS::CloudFront::Distribution',
    'AWS::ElasticLoadBalancingV2::LoadBalancer',
    'AWS::ElasticLoadBalancing::LoadBalancer',
    'AWS::GlobalAccelerator::Accelerator',
    'AWS::Shield::Protection',
    'AWS::FMS::Policy',
  ],
  controls: ['app-shield-advanced'],
  description:
    'Every CloudFront distribution, internet-facing Application or Classic Load Balancer and Global Accelerator in the scan is named by an AWS::Shield::Protection (or by a Firewall Manager SHIELD_ADVANCED policy for its resource type), so volumetric and application-layer DDoS against the AI application gets Shield Advanced mitigation and response. Shield Advanced is a subscription usually managed outside workload templates: when the scan declares no protection at all, the control is reported as not evidenced here (skip). API Gateway is protected through a CloudFront distribution in front of it.',
  remediation: {
    text: 'With a Shield Advanced subscription, declare an AWS::Shield::Protection per public endpoint (or protect them centrally with a Firewall Manager Shield Advanced policy).',
    cloudformation:
      'DistributionProtection:\n  Type: AWS::Shield::Protection\n  Properties:\n    Name: ai-app-edge\n    ResourceArn: !Sub arn:${AWS::Partition}:cloudfront::${AWS::AccountId}:distribution/${Distribution}',
    terraform:
      'resource "aws_shield_protection" "edge" {\n  name         = "ai-app-edge"\n  resource_arn = aws_cloudfront_distribution.this.arn\n}',
  },
  equivalents: {
    prowler: [
      'shield_advanced_protection_in_cloudfront_distributions',
      'shield_advanced_protection_in_internet_facing_load_balancers',
      'shield_advanced_protection_in_classic_load_balancers',
      'shield_advanced_protection_in_global_accelerators',
    ],
  },
  evaluateGraph(ctx) {
    const endpoints = publicEndpoints(ctx);
    if (endpoints.length === 0) return [];
    const protections = ctx.graph.ofType('AWS::Shield::Protection');
    const fms = ctx.graph.resources.filter(isShieldFmsPolicy);
    if (protections.length === 0 && fms.length === 0)
      return [
        {
          status: 'skip',
          message: `Shield Advanced is not evidenced here: no AWS::Shield::Protection or Firewall Manager Shield policy covers ${endpoints.length} public endpoint(s). Confirm the subscription and protections outside these templates (control: app-shield-advanced).`,
        },
      ];
    return endpoints.map((e): Verdict & { resource: Resource } => {
      const policy = fms.find((f) => fmsTypes(f).includes(e.type));
      if (policy)
        return { status: 'pass', message: `${e.id} is covered by Firewall Manager policy ${policy.id}.`, resource: e };
      const p = protections.find(
        (x) =>
          ctx.graph.templateFile(x) === ctx.graph.templateFile(e) && collectRefs(x.properties.ResourceArn).has(e.id),
      );
      return p
        ? { status: 'pass', message: `${e.id} is protected by Shield Advanced (${p.id}).`, resource: e }
        : { status: 'fail', message: `Public endpoint ${e.id} has no Shield Advanced protection.`, resource: e };
    });
  },
};
