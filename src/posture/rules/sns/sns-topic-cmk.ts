import { fail, pass, type ResourceRule } from '../../rule.js';
import { keyRefAt } from '../kms/key-reference.js';

export const snsTopicCmk: ResourceRule = {
  kind: 'resource',
  id: 'sns-topic-cmk',
  title: 'SNS topic is encrypted with a customer managed KMS key',
  severity: 'low',
  resourceTypes: ['AWS::SNS::Topic'],
  controls: ['dp-kms-cmk-at-rest'],
  description:
    'The topic sets KmsMasterKeyId to a customer managed key. Topics carry async inference results, batch-job and guardrail notifications, sometimes with prompt or completion excerpts; without a key SNS stores them unencrypted. The AWS managed alias/aws/sns key fails too: its key policy cannot be changed, so it cannot be scoped, and CloudWatch alarms, EventBridge and S3 cannot publish to a topic encrypted with it.',
  remediation: {
    text: 'Set KmsMasterKeyId to a customer managed key whose policy lets the publishing services use it.',
    cloudformation: 'KmsMasterKeyId: !Ref TopicKey',
    terraform: 'kms_master_key_id = aws_kms_key.sns.arn',
  },
  equivalents: {
    checkov: ['CKV_AWS_26'],
    cdkNag: ['HIPAA.Security-SNSEncryptedKMS', 'NIST.800.53.R5-SNSEncryptedKMS'],
    cfnNag: ['W47'],
    prowler: ['sns_topics_kms_encryption_at_rest_enabled'],
    securityHub: ['SNS.1'],
  },
  evaluate(topic, ctx) {
    const key = keyRefAt(ctx, topic, ['KmsMasterKeyId']);
    if (key === 'customer') return pass(`Topic ${topic.id} is encrypted with a customer managed key.`);
    return key === 'aws-managed'
      ? fail(`Topic ${topic.id} uses the AWS managed SNS key, whose policy cannot be scoped.`, {
          path: ['KmsMasterKeyId'],
        })
      : fail(`Topic ${topic.id} is not encrypted at rest (no KmsMasterKeyId).`);
  },
};
