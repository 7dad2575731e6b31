import { describe, expect, it } from 'vitest';
import { verdicts } from '../../test-helpers.js';
import { backupVaultCmk } from './backup-vault-cmk.js';

const tpl = (resources: string, params = '') =>
  `AWSTemplateFormatVersion: "2010-09-09"\n${params}Resources:\n${resources}`;

describe('backup-vault-cmk', () => {
  const t = tpl(
    `  Cmk:
    Type: AWS::Backup::BackupVault
    Properties: { BackupVaultName: a, EncryptionKeyArn: !GetAtt BackupKey.Arn }
  Default:
    Type: AWS::Backup::BackupVault
    Properties: { BackupVaultName: b }
  AwsManaged:
    Type: AWS::Backup::BackupVault
    Properties: { BackupVaultName: c, EncryptionKeyArn: !Sub "arn:aws:kms:\${AWS::Region}:\${AWS::AccountId}:alias/aws/backup" }
  ParamKey:
    Type: AWS::Backup::BackupVault
    Properties: { BackupVaultName: d, EncryptionKeyArn: !Ref VaultKey }
  ParamEmpty:
    Type: AWS::Backup::BackupVault
    Properties: { BackupVaultName: e, EncryptionKeyArn: !Ref EmptyKey }
`,
    'Parameters:\n  VaultKey: { Type: String }\n  EmptyKey: { Type: String, Default: "" }\n',
  );
  it('requires a customer managed key, resolving parameter defaults', () =>
    expect(verdicts(t, backupVaultCmk)).toEqual([
      'pass Cmk',
      'fail Default',
      'fail AwsManaged',
      'pass ParamKey',
      'fail ParamEmpty',
    ]));
});
