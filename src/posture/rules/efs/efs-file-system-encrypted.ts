import type { ResourceRule } from '../../rule.js';
import { boolIs, decide, settle, valuesAt } from '../deploy-values.js';

export const efsFileSystemEncrypted: ResourceRule = {
  kind: 'resource',
  id: 'efs-file-system-encrypted',
  title: 'EFS file system is encrypted at rest',
  severity: 'high',
  resourceTypes: ['AWS::EFS::FileSystem'],
  controls: ['dp-kms-cmk-at-rest'],
  description:
    'Encrypted is true on file systems that hold training data, model weights shared between GPU hosts or SageMaker Studio home directories. CloudFormation creates file systems unencrypted when Encrypted is left out, and encryption cannot be turned on later.',
  remediation: {
    text: 'Set Encrypted: true with a KmsKeyId (an existing file system must be copied to a new, encrypted one).',
    cloudformation: 'Encrypted: true\nKmsKeyId: !Ref FileSystemKey',
    terraform: 'encrypted  = true\nkms_key_id = aws_kms_key.efs.arn',
  },
  equivalents: {
    checkov: ['CKV_AWS_42'],
    cdkNag: ['AwsSolutions-EFS1', 'HIPAA.Security-EFSEncrypted', 'NIST.800.53.R5-EFSEncrypted'],
    prowler: ['efs_encryption_at_rest_enabled'],
    securityHub: ['EFS.1'],
  },
  evaluate(fs, ctx) {
    return settle(
      decide(valuesAt(ctx, fs, ['Encrypted']), boolIs(true, false)),
      {
        pass: `File system ${fs.id} is encrypted at rest.`,
        fail: `File system ${fs.id} stores its files unencrypted (Encrypted is not true).`,
      },
      { path: fs.properties.Encrypted === undefined ? [] : ['Encrypted'] },
    );
  },
};
