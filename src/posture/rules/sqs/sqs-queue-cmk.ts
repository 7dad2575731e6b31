import { fail, pass, type ResourceRule } from '../../rule.js';
import { boolIs, decide, valuesAt } from '../deploy-values.js';
import { keyRefAt } from '../kms/key-reference.js';

export const sqsQueueCmk: ResourceRule = {
  kind: 'resource',
  id: 'sqs-queue-cmk',
  title: 'SQS queue is encrypted with a customer managed KMS key',
  severity: 'low',
  resourceTypes: ['AWS::SQS::Queue'],
  controls: ['dp-kms-cmk-at-rest'],
  description:
    'The queue sets KmsMasterKeyId to a customer managed key. Queues feed document-ingestion, embedding and async inference jobs with the same data as the stores behind them; a customer managed key puts kms:Decrypt, and CloudTrail, in front of every read. SQS-managed encryption (SSE-SQS, the default) and the AWS managed alias/aws/sqs key fail with their own message; a queue with SqsManagedSseEnabled false and no key is not encrypted at all.',
  remediation: {
    text: 'Set KmsMasterKeyId to a customer managed key whose policy lets the producers and consumers use it.',
    cloudformation: 'KmsMasterKeyId: !Ref QueueKey',
    terraform: 'kms_master_key_id = aws_kms_key.sqs.arn',
  },
  equivalents: {
    checkov: ['CKV_AWS_27'],
    cdkNag: ['AwsSolutions-SQS2'],
    cfnNag: ['W48'],
    prowler: ['sqs_queues_server_side_encryption_enabled'],
    securityHub: ['SQS.1'],
  },
  evaluate(queue, ctx) {
    const key = keyRefAt(ctx, queue, ['KmsMasterKeyId']);
    if (key === 'customer') return pass(`Queue ${queue.id} is encrypted with a customer managed key.`);
    if (key === 'aws-managed')
      return fail(`Queue ${queue.id} uses the AWS managed SQS key, whose policy cannot be scoped.`, {
        path: ['KmsMasterKeyId'],
      });
    // SSE-SQS is on unless switched off explicitly (new queues default to it).
    const sseOff = decide(valuesAt(ctx, queue, ['SqsManagedSseEnabled']), boolIs(false, true)) === 'pass';
    return sseOff
      ? fail(`Queue ${queue.id} is not encrypted at rest (SqsManagedSseEnabled false, no KmsMasterKeyId).`, {
          path: ['SqsManagedSseEnabled'],
        })
      : fail(`Queue ${queue.id} uses SQS-owned keys (SSE-SQS), not a customer managed KMS key.`);
  },
};
