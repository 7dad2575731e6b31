import { clean, shaped, tagList } from './convert.js';
import type { TfMapping } from './mapping.js';
import { parsePolicy, policyOf } from './policy.js';

export const sqsMappings: TfMapping[] = [
  {
    tf: 'aws_sqs_queue',
    cfn: 'AWS::SQS::Queue',
    props: (r, plan) =>
      shaped(r.values, {
        QueueName: 'name',
        KmsMasterKeyId: 'kms_master_key_id',
        KmsDataKeyReusePeriodSeconds: 'kms_data_key_reuse_period_seconds',
        SqsManagedSseEnabled: 'sqs_managed_sse_enabled',
        FifoQueue: 'fifo_queue',
        ContentBasedDeduplication: 'content_based_deduplication',
        DelaySeconds: 'delay_seconds',
        MaximumMessageSize: 'max_message_size',
        MessageRetentionPeriod: 'message_retention_seconds',
        ReceiveMessageWaitTimeSeconds: 'receive_wait_time_seconds',
        VisibilityTimeout: 'visibility_timeout_seconds',
        // Terraform keeps the redrive settings as JSON strings; CloudFormation as objects.
        RedrivePolicy: (s) => clean(parsePolicy(s.redrive_policy)),
        RedriveAllowPolicy: (s) => clean(parsePolicy(s.redrive_allow_policy)),
        Tags: () => tagList(r.values),
        // The `policy` argument: CloudFormation has no such property (a separate policy resource governs the queue);
        // the TLS-only rule reads it as the queue's own policy (see attached-policies.ts).
        PolicyDocument: () => clean(policyOf(plan, r, 'policy')),
      }),
  },
  {
    // CloudFormation's QueuePolicy governs a list of queues by URL; Terraform's names one (`queue_url`).
    tf: 'aws_sqs_queue_policy',
    cfn: 'AWS::SQS::QueuePolicy',
    props: (r, plan) =>
      shaped(r.values, {
        Queues: (s) => (clean(s.queue_url) === undefined ? undefined : [s.queue_url]),
        PolicyDocument: () => clean(policyOf(plan, r, 'policy')),
      }),
  },
];
