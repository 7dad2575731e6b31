import { fail, pass, type ResourceRule } from '../../rule.js';

export const s3BucketVersioning: ResourceRule = {
  kind: 'resource',
  id: 's3-bucket-versioning',
  title: 'S3 bucket has versioning enabled',
  severity: 'medium',
  resourceTypes: ['AWS::S3::Bucket'],
  controls: ['dp-s3-versioning'],
  description:
    'Versioning keeps every version of datasets and model artifacts, so poisoned or deleted objects can be recovered and training runs reproduced.',
  remediation: {
    text: 'Set VersioningConfiguration.Status to Enabled.',
    cloudformation: 'VersioningConfiguration:\n  Status: Enabled',
    terraform:
      'resource "aws_s3_bucket_versioning" "this" {\n  bucket = aws_s3_bucket.this.id\n  versioning_configuration { status = "Enabled" }\n}',
  },
  equivalents: {
    checkov: ['CKV_AWS_21'],
    prowler: ['s3_bucket_object_versioning'],
    cdkNag: ['HIPAA.Security-S3BucketVersioningEnabled', 'NIST.800.53.R5-S3BucketVersioningEnabled'],
  },
  evaluate(bucket, ctx) {
    // Through ctx.value: a Status given as a parameter (often a nested stack's) is judged by the value it gets.
    const status = ctx.value(bucket, ['VersioningConfiguration', 'Status']);
    const shown = typeof status === 'string' ? status : status === undefined ? '' : JSON.stringify(status);
    return status === 'Enabled'
      ? pass(`Bucket ${bucket.id} is versioned.`)
      : fail(`Bucket ${bucket.id} is not versioned${shown ? ` (Status: ${shown})` : ''}.`, {
          path: status ? ['VersioningConfiguration', 'Status'] : [],
        });
  },
};
