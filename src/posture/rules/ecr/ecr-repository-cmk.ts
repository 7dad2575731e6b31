import { fail, pass, type ResourceRule } from '../../rule.js';
import { asString } from '../../values.js';
import { keyRefAt } from '../kms/key-reference.js';

export const ecrRepositoryCmk: ResourceRule = {
  kind: 'resource',
  id: 'ecr-repository-cmk',
  title: 'ECR repository is encrypted with a customer managed KMS key',
  severity: 'low',
  resourceTypes: ['AWS::ECR::Repository'],
  controls: ['dp-kms-cmk-at-rest'],
  description:
    'EncryptionConfiguration uses KMS (or KMS_DSSE) with a customer managed KmsKey, so images that may embed model weights or proprietary code are readable only under a key policy the account controls. KMS without a KmsKey (the AWS managed aws/ecr key) fails here, while Checkov CKV_AWS_136 accepts it.',
  remediation: {
    text: 'Set EncryptionConfiguration with EncryptionType KMS and a customer managed KmsKey (only possible when the repository is created).',
    cloudformation: 'EncryptionConfiguration:\n  EncryptionType: KMS\n  KmsKey: !Ref ImageKey',
    terraform: 'encryption_configuration {\n  encryption_type = "KMS"\n  kms_key         = aws_kms_key.images.arn\n}',
  },
  equivalents: {
    checkov: ['CKV_AWS_136'],
  },
  evaluate(repo, ctx) {
    const type = asString(ctx.value(repo, ['EncryptionConfiguration', 'EncryptionType']));
    if (type !== 'KMS' && type !== 'KMS_DSSE')
      return fail(
        `Repository ${repo.id} uses ${type ?? 'AES256 (the default)'} with keys the account does not control.`,
        {
          path: type ? ['EncryptionConfiguration'] : [],
        },
      );
    return keyRefAt(ctx, repo, ['EncryptionConfiguration', 'KmsKey']) === 'customer'
      ? pass(`Repository ${repo.id} is encrypted with a customer managed key.`)
      : fail(`Repository ${repo.id} uses KMS with the AWS managed key aws/ecr; name a KmsKey.`, {
          path: ['EncryptionConfiguration'],
        });
  },
};
