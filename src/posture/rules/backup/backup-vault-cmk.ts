import { fail, pass, type ResourceRule } from '../../rule.js';
import { keyRefAt } from '../kms/key-reference.js';

export const backupVaultCmk: ResourceRule = {
  kind: 'resource',
  id: 'backup-vault-cmk',
  title: 'AWS Backup vault is encrypted with a customer managed KMS key',
  severity: 'medium',
  resourceTypes: ['AWS::Backup::BackupVault'],
  controls: ['dp-backup-and-recovery', 'dp-kms-cmk-at-rest'],
  description:
    'EncryptionKeyArn names a customer managed key, so recovery points of vector stores, feature tables and model buckets are protected by a key policy the account controls rather than the AWS managed aws/backup key, and restoring them can be limited to named roles.',
  remediation: {
    text: 'Set EncryptionKeyArn to the ARN of a customer managed key (an alias is not accepted).',
    cloudformation: 'EncryptionKeyArn: !GetAtt BackupKey.Arn',
    terraform: 'kms_key_arn = aws_kms_key.backup.arn',
  },
  equivalents: {
    checkov: ['CKV_AWS_166'],
    prowler: ['backup_vaults_encrypted'],
  },
  evaluate(vault, ctx) {
    const key = keyRefAt(ctx, vault, ['EncryptionKeyArn']);
    return key === 'customer'
      ? pass(`Backup vault ${vault.id} is encrypted with a customer managed key.`)
      : fail(`Backup vault ${vault.id} uses the AWS managed key aws/backup.`, {
          path: key === 'absent' ? [] : ['EncryptionKeyArn'],
        });
  },
};
