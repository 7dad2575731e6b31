import { clean, shaped, tagList } from './convert.js';
import type { TfMapping } from './mapping.js';
import { policyOf } from './policy.js';

export const logsMappings: TfMapping[] = [
  {
    tf: 'aws_cloudwatch_log_group',
    cfn: 'AWS::Logs::LogGroup',
    props: (r) =>
      shaped(r.values, {
        LogGroupName: 'name',
        KmsKeyId: 'kms_key_id',
        // 0 is Terraform's "never expire", which CloudFormation spells by leaving RetentionInDays out.
        RetentionInDays: (s) => (s.retention_in_days === 0 ? undefined : clean(s.retention_in_days)),
        LogGroupClass: 'log_group_class',
        DeletionProtectionEnabled: 'deletion_protection_enabled',
        Tags: () => tagList(r.values),
      }),
  },
  {
    tf: 'aws_cloudwatch_log_data_protection_policy',
    merge: (r, plan) => {
      const group = plan.link(r, 'log_group_name', ['aws_cloudwatch_log_group'], ['id', 'name']);
      return group ? [{ parent: group, props: { DataProtectionPolicy: policyOf(plan, r, 'policy_document') } }] : [];
    },
  },
  {
    // Vended log delivery (CloudFront standard logging v2, Bedrock AgentCore): the resource whose logs are sent.
    tf: 'aws_cloudwatch_log_delivery_source',
    cfn: 'AWS::Logs::DeliverySource',
    props: (r) =>
      shaped(r.values, {
        Name: 'name',
        ResourceArn: 'resource_arn',
        LogType: 'log_type',
        Tags: () => tagList(r.values),
      }),
  },
];
