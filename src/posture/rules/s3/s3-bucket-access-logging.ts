import { fail, pass, type ResourceRule } from '../../rule.js';
import { refTarget } from '../../sources/intrinsics.js';
import { valuesAt } from '../deploy-values.js';

export const s3BucketAccessLogging: ResourceRule = {
  kind: 'resource',
  id: 's3-bucket-access-logging',
  title: 'S3 bucket records server access logs',
  severity: 'medium',
  resourceTypes: ['AWS::S3::Bucket'],
  controls: ['dp-s3-access-logging'],
  description:
    'Server access logging is configured, so every read of training data, knowledge-base documents or model artifacts leaves a record to investigate exfiltration or poisoning. A bucket that is itself the log destination of other buckets in the scan passes: logging a log bucket into itself would loop.',
  remediation: {
    text: 'Set LoggingConfiguration with a DestinationBucketName (a dedicated log bucket) and a LogFilePrefix.',
    cloudformation:
      'LoggingConfiguration:\n  DestinationBucketName: !Ref AccessLogBucket\n  LogFilePrefix: training-data/',
    terraform:
      'resource "aws_s3_bucket_logging" "this" {\n  bucket        = aws_s3_bucket.this.id\n  target_bucket = aws_s3_bucket.access_logs.id\n  target_prefix = "training-data/"\n}',
  },
  equivalents: {
    checkov: ['CKV_AWS_18'],
    cdkNag: ['AwsSolutions-S1', 'NIST.800.53.R5-S3BucketLoggingEnabled', 'HIPAA.Security-S3BucketLoggingEnabled'],
    cfnNag: ['W35'],
    prowler: ['s3_bucket_server_access_logging_enabled'],
    securityHub: ['S3.9'],
  },
  evaluate(bucket, ctx) {
    // An empty LoggingConfiguration is valid: S3 then delivers the logs into the bucket itself.
    if (valuesAt(ctx, bucket, ['LoggingConfiguration']).some((v) => v !== null && typeof v === 'object'))
      return pass(`Bucket ${bucket.id} records server access logs.`);
    const sources = ctx.graph
      .referencing(bucket, 'AWS::S3::Bucket')
      .filter((b) =>
        valuesAt(ctx, b, ['LoggingConfiguration', 'DestinationBucketName']).some((v) => refTarget(v) === bucket.id),
      );
    if (sources.length)
      return pass(
        `Bucket ${bucket.id} is the access-log destination of ${sources.map((s) => s.id).join(', ')}; it need not log itself.`,
      );
    return fail(`Bucket ${bucket.id} has no LoggingConfiguration: reads and writes of its objects leave no record.`);
  },
};
