import { fail, pass, type ResourceRule } from '../../rule.js';
import { asBool, isSet } from '../../values.js';

export const efsFileSystemCmk: ResourceRule = {
  kind: 'resource',
  id: 'efs-file-system-cmk',
  title: 'EFS file system is encrypted with a customer managed KMS key',
  severity: 'medium',
  resourceTypes: ['AWS::EFS::FileSystem'],
  controls: ['dp-kms-cmk-at-rest'],
  description:
    'An encrypted file system names its KmsKeyId, so access to shared datasets, weights and Studio home directories can be audited in CloudTrail and cut off by disabling the key. Without KmsKeyId, EFS uses the AWS managed key aws/elasticfilesystem, whose policy you cannot restrict.',
  remediation: {
    text: 'Create the file system with Encrypted: true and KmsKeyId set to a customer managed key.',
    cloudformation: 'Encrypted: true\nKmsKeyId: !GetAtt FileSystemKey.Arn',
    terraform: 'encrypted  = true\nkms_key_id = aws_kms_key.efs.arn',
  },
  equivalents: { checkov: ['CKV_AWS_184'] },
  evaluate(fs, ctx) {
    if (asBool(ctx.value(fs, ['Encrypted'])) !== true)
      return fail(`File system ${fs.id} is not encrypted, so no customer managed key protects it.`, {
        path: fs.properties.Encrypted === undefined ? [] : ['Encrypted'],
      });
    return isSet(fs.properties.KmsKeyId)
      ? pass(`File system ${fs.id} is encrypted with a customer managed key.`)
      : fail(`File system ${fs.id} is encrypted with the AWS managed key (no KmsKeyId).`, { path: ['Encrypted'] });
  },
};
