import type { GraphRule, Verdict } from '../../rule.js';
import { logsGroupKms } from '../logs/logs-group-kms-retention.js';
import { s3BucketKmsEncryption } from '../s3/s3-bucket-kms-encryption.js';
import {
  BEDROCK_TYPES,
  destinations,
  ENABLE_HINT,
  invocationLoggingDeclarations,
  LOGGING_DECLARATION_TYPES,
  resolveDestination,
  usesBedrock,
} from './invocation-logging.js';

export const bedrockInvocationLogEncrypted: GraphRule = {
  kind: 'graph',
  id: 'bedrock-invocation-log-encrypted',
  title: 'Bedrock model invocation logs are encrypted with a customer managed key',
  severity: 'medium',
  // The destinations are followed to their bucket or log group, and judged as the bucket and log-group rules do.
  resourceTypes: [...LOGGING_DECLARATION_TYPES, ...BEDROCK_TYPES, 'AWS::S3::Bucket', 'AWS::Logs::LogGroup'],
  reads: {
    ...Object.fromEntries(LOGGING_DECLARATION_TYPES.map((t) => [t, '*'])),
    'AWS::S3::Bucket': ['BucketName', 'BucketEncryption'],
    'AWS::Logs::LogGroup': ['LogGroupName', 'KmsKeyId'],
  },
  controls: ['tdr-invocation-log-encrypted', 'dp-log-encryption'],
  description:
    'Invocation logs hold full prompts and responses, often with personal data. For each declared logging configuration (see bedrock-invocation-logging-enabled), Steward follows its destinations into the scanned templates: the S3 bucket must use SSE-KMS with a customer managed key and the log group must set KmsKeyId. Destinations declared elsewhere, and logging that is not declared at all, are reported as not evidenced here.',
  remediation: {
    text: 'Deliver invocation logs to a bucket with SSE-KMS (customer managed key) and a log group with KmsKeyId.',
    cloudformation:
      'InvocationLogs:\n  Type: AWS::Logs::LogGroup\n  Properties:\n    KmsKeyId: !GetAtt LogKey.Arn\n    RetentionInDays: 365',
    terraform:
      'resource "aws_cloudwatch_log_group" "invocations" {\n  name              = "/bedrock/invocations"\n  kms_key_id        = aws_kms_key.logs.arn\n  retention_in_days = 365\n}',
  },
  equivalents: { prowler: ['bedrock_model_invocation_logs_encryption_enabled'] },
  evaluateGraph(ctx) {
    const declared = invocationLoggingDeclarations(ctx.graph);
    if (declared.length === 0) {
      if (!usesBedrock(ctx.graph)) return [];
      return [
        {
          status: 'skip',
          message: `Encryption of Bedrock invocation logs is not evidenced here: no logging configuration is declared. ${ENABLE_HINT} (control: tdr-invocation-log-encrypted).`,
        },
      ];
    }
    return declared.map(({ resource, config }): Verdict & { resource: typeof resource } => {
      const dests = config ? destinations(config) : [];
      if (dests.length === 0)
        return {
          status: 'skip',
          message: `${resource.id}: the invocation log destinations could not be read, so their encryption is not evidenced here.`,
          resource,
        };
      const problems: string[] = [];
      const unresolved: string[] = [];
      let checked = 0;
      for (const d of dests) {
        const target = resolveDestination(d, resource, ctx.graph);
        if (!target) {
          unresolved.push(`${d.kind} ${typeof d.value === 'string' ? d.value : JSON.stringify(d.value)}`);
          continue;
        }
        checked++;
        const rule = d.kind === 'S3 bucket' ? s3BucketKmsEncryption : logsGroupKms;
        const v = rule.evaluate(target, ctx);
        if (v?.status === 'fail') problems.push(`${d.kind} ${target.id}: ${v.message}`);
      }
      const elsewhere = unresolved.length ? ` Not declared here, confirm separately: ${unresolved.join(', ')}.` : '';
      if (problems.length)
        return {
          status: 'fail',
          message: `${resource.id} writes invocation logs unencrypted by a CMK: ${problems.join(' ')}${elsewhere}`,
          resource,
        };
      if (checked === 0)
        return {
          status: 'skip',
          message: `${resource.id}: no invocation log destination is declared in the scanned templates.${elsewhere}`,
          resource,
        };
      return {
        status: 'pass',
        message: `${resource.id} writes invocation logs to KMS-encrypted destinations.${elsewhere}`,
        resource,
      };
    });
  },
};
