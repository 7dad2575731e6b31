import { fail, pass, type ResourceRule } from '../../rule.js';
import { asArray, dig, isSet } from '../../values.js';

export const s3BucketKmsEncryption: ResourceRule = {
  kind: 'resource',
  id: 's3-bucket-kms-encryption',
  title: 'S3 bucket is encrypted with SSE-KMS',
  severity: 'high',
  resourceTypes: ['AWS::S3::Bucket'],
  controls: ['dp-s3-encryption-kms', 'dp-kms-cmk-at-rest'],
  description:
    'Buckets that hold training data, knowledge-base documents or model artifacts use SSE-KMS default encryption, so access to the data also needs access to the key.',
  remediation: {
    text: 'Set BucketEncryption with SSEAlgorithm aws:kms and a customer managed KMSMasterKeyID.',
    cloudformation:
      'BucketEncryption:\n  ServerSideEncryptionConfiguration:\n    - ServerSideEncryptionByDefault:\n        SSEAlgorithm: aws:kms\n        KMSMasterKeyID: !Ref DataKey',
    terraform:
      'resource "aws_s3_bucket_server_side_encryption_configuration" "this" {\n  bucket = aws_s3_bucket.this.id\n  rule {\n    apply_server_side_encryption_by_default {\n      sse_algorithm     = "aws:kms"\n      kms_master_key_id = aws_kms_key.data.arn\n    }\n  }\n}',
  },
  equivalents: {
    checkov: ['CKV_AWS_19'],
    cdkNag: ['NIST.800.53.R5-S3DefaultEncryptionKMS', 'HIPAA.Security-S3DefaultEncryptionKMS'],
    cfnNag: ['W41'],
    prowler: ['s3_bucket_kms_encryption'],
    securityHub: ['S3.17'],
  },
  evaluate(bucket) {
    const rules = asArray(dig(bucket.properties, ['BucketEncryption', 'ServerSideEncryptionConfiguration']));
    const algos = rules.map((r) => dig(r, ['ServerSideEncryptionByDefault', 'SSEAlgorithm']));
    if (algos.some((a) => a === 'aws:kms' || a === 'aws:kms:dsse')) {
      const key = rules.map((r) => dig(r, ['ServerSideEncryptionByDefault', 'KMSMasterKeyID'])).find(isSet);
      return key
        ? pass(`Bucket ${bucket.id} uses SSE-KMS with a customer managed key.`)
        : fail(`Bucket ${bucket.id} uses SSE-KMS with the AWS managed key; name a customer managed KMSMasterKeyID.`, {
            path: ['BucketEncryption'],
          });
    }
    return fail(
      algos.length
        ? `Bucket ${bucket.id} uses ${String(algos[0])} (S3 managed keys), not SSE-KMS.`
        : `Bucket ${bucket.id} declares no SSE-KMS default encryption (S3 applies SSE-S3 only).`,
      { path: algos.length ? ['BucketEncryption'] : [], evidence: { SSEAlgorithm: algos[0] ?? null } },
    );
  },
};
