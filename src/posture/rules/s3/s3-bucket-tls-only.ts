import { statements } from '../../policy-document.js';
import { fail, pass, type ResourceRule } from '../../rule.js';
import { refTarget } from '../../sources/intrinsics.js';

/** Deny when aws:SecureTransport is false, for all S3 actions (or all actions). */
function deniesInsecureTransport(policyDoc: unknown): boolean {
  return statements(policyDoc).some((s) => {
    if (s.effect !== 'Deny') return false;
    if (!s.actions.some((a) => a === '*' || a.toLowerCase() === 's3:*')) return false;
    const bool = s.condition.Bool ?? s.condition.bool;
    const v = bool?.['aws:SecureTransport'];
    return v === false || (typeof v === 'string' && v.toLowerCase() === 'false');
  });
}

export const s3BucketTlsOnly: ResourceRule = {
  kind: 'resource',
  id: 's3-bucket-tls-only',
  title: 'S3 bucket policy denies requests without TLS',
  severity: 'medium',
  resourceTypes: ['AWS::S3::Bucket'],
  controls: ['dp-tls-in-transit'],
  description:
    'A bucket policy denies any request made without TLS (aws:SecureTransport false), so data in transit to and from training buckets is always encrypted.',
  remediation: {
    text: 'Add an AWS::S3::BucketPolicy with a Deny on s3:* when aws:SecureTransport is false.',
    cloudformation:
      'PolicyDocument:\n  Statement:\n    - Effect: Deny\n      Principal: "*"\n      Action: s3:*\n      Resource: [!GetAtt Bucket.Arn, !Sub "${Bucket.Arn}/*"]\n      Condition: { Bool: { aws:SecureTransport: false } }',
    terraform:
      'statement {\n  effect    = "Deny"\n  actions   = ["s3:*"]\n  resources = [aws_s3_bucket.this.arn, "${aws_s3_bucket.this.arn}/*"]\n  principals { type = "*" identifiers = ["*"] }\n  condition { test = "Bool" variable = "aws:SecureTransport" values = ["false"] }\n}',
  },
  equivalents: {
    cdkNag: ['AwsSolutions-S10', 'HIPAA.Security-S3BucketSSLRequestsOnly', 'NIST.800.53.R5-S3BucketSSLRequestsOnly'],
    prowler: ['s3_bucket_secure_transport_policy'],
    securityHub: ['S3.5'],
  },
  evaluate(bucket, ctx) {
    const policies = ctx.graph
      .referencing(bucket, 'AWS::S3::BucketPolicy')
      .filter((p) => refTarget(p.properties.Bucket) === bucket.id);
    if (policies.some((p) => deniesInsecureTransport(p.properties.PolicyDocument)))
      return pass(`Bucket ${bucket.id} denies non-TLS requests.`);
    return fail(
      policies.length
        ? `Bucket ${bucket.id} has a bucket policy, but it does not deny requests where aws:SecureTransport is false.`
        : `Bucket ${bucket.id} has no bucket policy denying requests without TLS.`,
      { evidence: { bucketPolicies: policies.map((p) => p.id) } },
    );
  },
};
