import type { ResourceRule } from '../../rule.js';
import { isIntrinsic } from '../../sources/intrinsics.js';
import { decide, settle, valuesAt } from '../deploy-values.js';

/** Canned ACLs that grant access beyond the owning account. */
const PUBLIC_ACLS = new Set(['PublicRead', 'PublicReadWrite', 'AuthenticatedRead']);

export const s3BucketNoPublicAcl: ResourceRule = {
  kind: 'resource',
  id: 's3-bucket-no-public-acl',
  title: 'S3 bucket does not use a public canned ACL',
  severity: 'high',
  resourceTypes: ['AWS::S3::Bucket'],
  controls: ['dp-s3-public-access-block'],
  description:
    'The bucket does not set AccessControl to PublicRead, PublicReadWrite or AuthenticatedRead, any of which lets people outside the account list, read or overwrite datasets and models. Steward also fails AuthenticatedRead (every AWS account), which Checkov CKV_AWS_20/57 accept.',
  remediation: {
    text: 'Remove AccessControl (or set it to Private) and disable ACLs with OwnershipControls BucketOwnerEnforced.',
    cloudformation: 'OwnershipControls:\n  Rules:\n    - ObjectOwnership: BucketOwnerEnforced',
    terraform:
      'resource "aws_s3_bucket_ownership_controls" "this" {\n  bucket = aws_s3_bucket.this.id\n  rule { object_ownership = "BucketOwnerEnforced" }\n}',
  },
  equivalents: {
    checkov: ['CKV_AWS_20', 'CKV_AWS_57'],
    cfnNag: ['W31', 'F14'],
    prowler: ['s3_bucket_public_list_acl', 's3_bucket_public_write_acl'],
    securityHub: ['S3.2', 'S3.3'],
  },
  evaluate(bucket, ctx) {
    const values = valuesAt(ctx, bucket, ['AccessControl']);
    const outcome = decide(values, (v) =>
      v === undefined || v === null
        ? true
        : typeof v === 'string'
          ? !PUBLIC_ACLS.has(v)
          : isIntrinsic(v)
            ? undefined
            : true,
    );
    const acl = values.find((v) => typeof v === 'string' && PUBLIC_ACLS.has(v));
    return settle(
      outcome,
      {
        pass: `Bucket ${bucket.id} grants no public ACL.`,
        fail: `Bucket ${bucket.id} sets AccessControl ${String(acl)}, opening it beyond the account.`,
      },
      { path: ['AccessControl'], evidence: { AccessControl: acl } },
    );
  },
};
