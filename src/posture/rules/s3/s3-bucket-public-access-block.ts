import { fail, pass, type ResourceRule } from '../../rule.js';
import { asBool, dig } from '../../values.js';

const FLAGS = ['BlockPublicAcls', 'BlockPublicPolicy', 'IgnorePublicAcls', 'RestrictPublicBuckets'] as const;

export const s3BucketPublicAccessBlock: ResourceRule = {
  kind: 'resource',
  id: 's3-bucket-public-access-block',
  title: 'S3 bucket blocks all public access',
  severity: 'high',
  resourceTypes: ['AWS::S3::Bucket'],
  controls: ['dp-s3-public-access-block'],
  description:
    'All four S3 Block Public Access settings are on, so no ACL or policy can expose training data or models.',
  remediation: {
    text: 'Set PublicAccessBlockConfiguration with all four flags true.',
    cloudformation:
      'PublicAccessBlockConfiguration:\n  BlockPublicAcls: true\n  BlockPublicPolicy: true\n  IgnorePublicAcls: true\n  RestrictPublicBuckets: true',
    terraform:
      'resource "aws_s3_bucket_public_access_block" "this" {\n  bucket                  = aws_s3_bucket.this.id\n  block_public_acls       = true\n  block_public_policy     = true\n  ignore_public_acls      = true\n  restrict_public_buckets = true\n}',
  },
  equivalents: {
    checkov: ['CKV_AWS_53', 'CKV_AWS_54', 'CKV_AWS_55', 'CKV_AWS_56'],
    cdkNag: [
      'AwsSolutions-S2',
      'HIPAA.Security-S3BucketLevelPublicAccessProhibited',
      'NIST.800.53.R5-S3BucketLevelPublicAccessProhibited',
      'HIPAA.Security-S3BucketPublicReadProhibited',
      'HIPAA.Security-S3BucketPublicWriteProhibited',
      'NIST.800.53.R5-S3BucketPublicReadProhibited',
      'NIST.800.53.R5-S3BucketPublicWriteProhibited',
    ],
    prowler: ['s3_bucket_level_public_access_block'],
    securityHub: ['S3.8'],
  },
  evaluate(bucket) {
    const cfg = dig(bucket.properties, ['PublicAccessBlockConfiguration']);
    const off = FLAGS.filter((f) => asBool(dig(cfg, [f])) !== true);
    if (off.length === 0) return pass(`Bucket ${bucket.id} blocks all public access.`);
    return fail(`Bucket ${bucket.id} does not set ${off.join(', ')} to true.`, {
      path: cfg ? ['PublicAccessBlockConfiguration'] : [],
      evidence: { missing: off },
    });
  },
};
