import { fail, pass, type ResourceRule } from '../../rule.js';
import { collectRefs } from '../../sources/intrinsics.js';
import { isSet } from '../../values.js';
import { sameTemplate } from '../deploy-values.js';

export const cloudfrontAccessLogging: ResourceRule = {
  kind: 'resource',
  id: 'cloudfront-access-logging',
  title: 'CloudFront distribution writes standard (access) logs',
  severity: 'medium',
  resourceTypes: ['AWS::CloudFront::Distribution'],
  controls: ['tdr-forensic-readiness'],
  description:
    'The distribution in front of an AI application records every viewer request: legacy standard logging (DistributionConfig.Logging with a Bucket) or standard logging v2, an AWS::Logs::DeliverySource in the same template whose ResourceArn names the distribution. These logs show which clients called the chat or inference routes, from where and how often, evidence that WAF sampled requests do not keep.',
  remediation: {
    text: 'Turn on standard logging to S3, or declare a CloudWatch Logs delivery source (ACCESS_LOGS) and delivery for the distribution.',
    cloudformation:
      'DistributionConfig:\n  Logging:\n    Bucket: !GetAtt LogBucket.RegionalDomainName\n    Prefix: cloudfront/',
    terraform: 'logging_config {\n  bucket = aws_s3_bucket.cf_logs.bucket_domain_name\n  prefix = "cloudfront/"\n}',
  },
  equivalents: {
    checkov: ['CKV_AWS_86'],
    cdkNag: ['AwsSolutions-CFR3'],
    prowler: ['cloudfront_distributions_logging_enabled'],
    securityHub: ['CloudFront.5'],
  },
  evaluate(d, ctx) {
    if (isSet(ctx.value(d, ['DistributionConfig', 'Logging', 'Bucket'])))
      return pass(`Distribution ${d.id} writes standard logs to S3.`);
    const source = sameTemplate(ctx, d, 'AWS::Logs::DeliverySource').find((s) =>
      collectRefs(s.properties.ResourceArn).has(d.id),
    );
    if (source) return pass(`Distribution ${d.id} delivers its access logs through ${source.id}.`);
    return fail(`Distribution ${d.id} keeps no record of viewer requests (no standard logging).`, {
      path: ['DistributionConfig'],
    });
  },
};
