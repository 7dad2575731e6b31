import { fail, pass, type ResourceRule } from '../../rule.js';
import { isSet } from '../../values.js';

export const logsGroupKms: ResourceRule = {
  kind: 'resource',
  id: 'logs-group-kms',
  title: 'CloudWatch log group is encrypted with a KMS key',
  severity: 'low',
  resourceTypes: ['AWS::Logs::LogGroup'],
  controls: ['dp-log-encryption'],
  description: 'Log groups, which may hold prompts, completions and invocation logs, set KmsKeyId.',
  remediation: {
    text: 'Set KmsKeyId on the log group.',
    cloudformation: 'KmsKeyId: !GetAtt LogKey.Arn',
    terraform: 'kms_key_id = aws_kms_key.logs.arn',
  },
  equivalents: {
    cdkNag: ['HIPAA.Security-CloudWatchLogGroupEncrypted', 'NIST.800.53.R5-CloudWatchLogGroupEncrypted'],
    checkov: ['CKV_AWS_158'],
    cfnNag: ['W84'],
    prowler: ['cloudwatch_log_group_kms_encryption_enabled'],
  },
  evaluate(g) {
    return isSet(g.properties.KmsKeyId)
      ? pass(`Log group ${g.id} is KMS-encrypted.`)
      : fail(`Log group ${g.id} has no KmsKeyId.`);
  },
};

export const logsGroupRetention: ResourceRule = {
  kind: 'resource',
  id: 'logs-group-retention',
  title: 'CloudWatch log group has a retention period',
  severity: 'low',
  resourceTypes: ['AWS::Logs::LogGroup'],
  controls: ['tdr-log-retention', 'pol-retention-disposition'],
  description:
    'RetentionInDays is set, so logs are kept as long as policy requires and no longer (prompts in logs are personal data).',
  remediation: {
    text: 'Set RetentionInDays (e.g. 365).',
    cloudformation: 'RetentionInDays: 365',
    terraform: 'retention_in_days = 365',
  },
  equivalents: {
    checkov: ['CKV_AWS_66'],
    cdkNag: ['NIST.800.53.R5-CloudWatchLogGroupRetentionPeriod', 'HIPAA.Security-CloudWatchLogGroupRetentionPeriod'],
    cfnNag: ['W86'],
    prowler: ['cloudwatch_log_group_retention_policy_specific_days_enabled'],
  },
  evaluate(g) {
    return isSet(g.properties.RetentionInDays)
      ? pass(`Log group ${g.id} keeps logs ${String(g.properties.RetentionInDays)} days.`)
      : fail(`Log group ${g.id} keeps logs forever (no RetentionInDays).`);
  },
};
