import { fail, pass, type ResourceRule } from '../../rule.js';
import { policyDocument, publicGrants, statementPath } from './public-principal.js';

export const s3BucketPolicyNoPublicPrincipal: ResourceRule = {
  kind: 'resource',
  id: 's3-bucket-policy-no-public-principal',
  title: 'S3 bucket policy does not grant access to everyone',
  severity: 'high',
  resourceTypes: ['AWS::S3::BucketPolicy'],
  controls: ['dp-s3-public-access-block', 'iam-resource-policies-least-privilege'],
  description:
    'No Allow statement in the bucket policy names Principal "*" (or uses NotPrincipal) without a condition that pins the caller to an organisation, account, VPC endpoint, network or named principal. Conditions such as aws:SecureTransport alone do not limit who the caller is, so they do not count.',
  remediation: {
    text: 'Name the principals that need access, or add a condition such as aws:PrincipalOrgID or aws:SourceVpce to statements with Principal "*".',
    cloudformation:
      'Statement:\n  - Effect: Allow\n    Principal: "*"\n    Action: s3:GetObject\n    Resource: !Sub "${Bucket.Arn}/*"\n    Condition:\n      StringEquals: { aws:PrincipalOrgID: !Ref OrgId }',
    terraform:
      'statement {\n  principals { type = "*" identifiers = ["*"] }\n  actions   = ["s3:GetObject"]\n  resources = ["${aws_s3_bucket.this.arn}/*"]\n  condition {\n    test     = "StringEquals"\n    variable = "aws:PrincipalOrgID"\n    values   = [var.org_id]\n  }\n}',
  },
  equivalents: {
    checkov: ['CKV_AWS_70'],
    cfnNag: ['F16'],
    prowler: ['s3_bucket_public_access', 's3_bucket_policy_public_write_access'],
    securityHub: ['S3.2', 'S3.3'],
  },
  evaluate(policy) {
    const doc = policyDocument(policy.properties.PolicyDocument);
    const open = publicGrants(doc);
    const first = open[0];
    if (!first) return pass(`Bucket policy ${policy.id} grants nothing to everyone.`);
    return fail(
      `Bucket policy ${policy.id} allows ${first.actions.join(', ') || 'actions'} to everyone without a condition on the caller (statement ${first.index + 1}).`,
      {
        path: statementPath(doc, ['PolicyDocument'], first),
        evidence: { statements: open.map((s) => s.index), actions: open.flatMap((s) => s.actions) },
      },
    );
  },
};
