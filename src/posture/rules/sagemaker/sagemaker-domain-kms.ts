import { fail, pass, type ResourceRule } from '../../rule.js';
import { isSet } from '../../values.js';

export const sagemakerDomainKms: ResourceRule = {
  kind: 'resource',
  id: 'sagemaker-domain-kms',
  title: 'SageMaker AI domain encrypts its storage with a customer managed key',
  severity: 'medium',
  resourceTypes: ['AWS::SageMaker::Domain'],
  controls: ['dp-kms-cmk-at-rest'],
  description:
    "The domain names a KmsKeyId, so the shared EFS home directories and the EBS volumes of Studio apps, where users keep notebooks and copies of data, are encrypted with a key the team controls rather than an AWS managed key. Checkov's CKV_AWS_187 covers domains and notebook instances in one check; Steward splits it into this rule and sagemaker-notebook-kms.",
  remediation: {
    text: 'Set KmsKeyId on the domain to a customer managed key.',
    cloudformation: 'KmsKeyId: !Ref StudioKey',
    terraform: 'kms_key_id = aws_kms_key.studio.arn',
  },
  equivalents: { checkov: ['CKV_AWS_187'] },
  evaluate(domain) {
    return isSet(domain.properties.KmsKeyId)
      ? pass(`Domain ${domain.id} encrypts its storage with a customer managed key.`)
      : fail(`Domain ${domain.id} has no KmsKeyId; its EFS and EBS storage use an AWS managed key.`);
  },
};
