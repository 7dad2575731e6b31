import { fail, pass, type ResourceRule } from '../../rule.js';
import { isSet } from '../../values.js';

export const cloudfrontWaf: ResourceRule = {
  kind: 'resource',
  id: 'cloudfront-waf',
  title: 'CloudFront distribution is protected by AWS WAF',
  severity: 'medium',
  resourceTypes: ['AWS::CloudFront::Distribution'],
  controls: ['net-waf-on-ai-endpoints'],
  description:
    'DistributionConfig.WebACLId names a web ACL (scope CLOUDFRONT), so requests to the AI application are filtered at the edge before they reach the origin.',
  remediation: {
    text: 'Set DistributionConfig.WebACLId to the ARN of a WAFv2 web ACL created in us-east-1 with Scope CLOUDFRONT.',
    cloudformation: 'DistributionConfig:\n  WebACLId: !GetAtt EdgeWebAcl.Arn',
    terraform: 'web_acl_id = aws_wafv2_web_acl.edge.arn',
  },
  equivalents: {
    checkov: ['CKV_AWS_68'],
    cdkNag: ['AwsSolutions-CFR2'],
    prowler: ['cloudfront_distributions_using_waf'],
    securityHub: ['CloudFront.6'],
  },
  evaluate(d, ctx) {
    return isSet(ctx.value(d, ['DistributionConfig', 'WebACLId']))
      ? pass(`Distribution ${d.id} is associated with a web ACL.`)
      : fail(`Distribution ${d.id} has no WebACLId: no WAF filters requests at the edge.`, {
          path: ['DistributionConfig'],
        });
  },
};
