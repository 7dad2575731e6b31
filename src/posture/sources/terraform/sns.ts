import { clean, shaped, tagList } from './convert.js';
import type { TfMapping } from './mapping.js';
import { policyOf } from './policy.js';

export const snsMappings: TfMapping[] = [
  {
    tf: 'aws_sns_topic',
    cfn: 'AWS::SNS::Topic',
    props: (r, plan) =>
      shaped(r.values, {
        TopicName: 'name',
        DisplayName: 'display_name',
        KmsMasterKeyId: 'kms_master_key_id',
        FifoTopic: 'fifo_topic',
        ContentBasedDeduplication: 'content_based_deduplication',
        SignatureVersion: 'signature_version',
        TracingConfig: 'tracing_config',
        Tags: () => tagList(r.values),
        // The `policy` argument: CloudFormation has no such property (a separate policy resource governs the topic);
        // the TLS-only rule reads it as the topic's own policy (see attached-policies.ts).
        PolicyDocument: () => clean(policyOf(plan, r, 'policy')),
      }),
  },
  {
    // CloudFormation's TopicPolicy governs a list of topics; Terraform's names one, by ARN.
    tf: 'aws_sns_topic_policy',
    cfn: 'AWS::SNS::TopicPolicy',
    props: (r, plan) =>
      shaped(r.values, {
        Topics: (s) => (clean(s.arn) === undefined ? undefined : [s.arn]),
        PolicyDocument: () => clean(policyOf(plan, r, 'policy')),
      }),
  },
];
