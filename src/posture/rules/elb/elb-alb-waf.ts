import { fail, pass, type ResourceRule } from '../../rule.js';
import { collectRefs } from '../../sources/intrinsics.js';
import { isInternetFacing, lbType } from './load-balancers.js';

export const elbAlbWaf: ResourceRule = {
  kind: 'resource',
  id: 'elb-alb-waf',
  title: 'Internet-facing Application Load Balancer is protected by AWS WAF',
  severity: 'medium',
  resourceTypes: ['AWS::ElasticLoadBalancingV2::LoadBalancer'],
  controls: ['net-waf-on-ai-endpoints'],
  description:
    'An AWS::WAFv2::WebACLAssociation in the same template names the internet-facing ALB, so floods, bots and exploit attempts are filtered before they reach the AI application behind it. Internal ALBs and network or gateway load balancers are not judged. A web ACL applied by Firewall Manager is not visible in templates; suppress the finding with that reason.',
  remediation: {
    text: 'Associate a WAFv2 web ACL (scope REGIONAL) with the load balancer.',
    cloudformation:
      'AlbWebAcl:\n  Type: AWS::WAFv2::WebACLAssociation\n  Properties:\n    ResourceArn: !Ref LoadBalancer\n    WebACLArn: !GetAtt WebAcl.Arn',
    terraform:
      'resource "aws_wafv2_web_acl_association" "alb" {\n  resource_arn = aws_lb.this.arn\n  web_acl_arn  = aws_wafv2_web_acl.this.arn\n}',
  },
  equivalents: {
    checkov: ['CKV2_AWS_28'],
    cdkNag: ['NIST.800.53.R5-ALBWAFEnabled'],
    prowler: ['elbv2_waf_acl_attached'],
    securityHub: ['ELB.16'],
  },
  evaluate(lb, ctx) {
    if (lbType(ctx, lb) !== 'application' || !isInternetFacing(ctx, lb)) return undefined;
    const assoc = ctx.graph
      .referencing(lb, 'AWS::WAFv2::WebACLAssociation')
      .filter((a) => collectRefs(a.properties.ResourceArn).has(lb.id));
    return assoc.length
      ? pass(`ALB ${lb.id} is associated with a WAF web ACL (${assoc[0]!.id}).`)
      : fail(`Internet-facing ALB ${lb.id} has no WAF web ACL association.`);
  },
};
