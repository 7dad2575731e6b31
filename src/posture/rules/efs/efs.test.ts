import { describe, expect, it } from 'vitest';
import { verdicts } from '../../test-helpers.js';
import { efsFileSystemBackupPlan } from './efs-file-system-backup-plan.js';
import { efsFileSystemCmk } from './efs-file-system-cmk.js';
import { efsFileSystemEncrypted } from './efs-file-system-encrypted.js';

const tpl = (resources: string, params = '') =>
  `AWSTemplateFormatVersion: "2010-09-09"\n${params}Resources:\n${resources}`;
const fs = (props: string) => `    Type: AWS::EFS::FileSystem\n    Properties: { ${props} }\n`;

describe('efs-file-system-encrypted and efs-file-system-cmk', () => {
  const t = tpl(
    `  Cmk:
${fs('Encrypted: true, KmsKeyId: !Ref Key')}  AwsKey:
${fs('Encrypted: "true"')}  Plain:
${fs('PerformanceMode: generalPurpose')}  Off:
${fs('Encrypted: false')}  FromParam:
${fs('Encrypted: !Ref Encrypt')}  FromDeployParam:
${fs('Encrypted: !Ref Unknown')}`,
    'Parameters:\n  Encrypt: { Type: String, Default: "false" }\n  Unknown: { Type: String }\n',
  );
  it('efs-file-system-encrypted fails missing or false Encrypted and skips deploy-time values', () =>
    expect(verdicts(t, efsFileSystemEncrypted)).toEqual([
      'pass Cmk',
      'pass AwsKey',
      'fail Plain',
      'fail Off',
      'fail FromParam',
      'skip FromDeployParam',
    ]));
  it('efs-file-system-cmk requires a KmsKeyId on encrypted file systems', () =>
    expect(verdicts(t, efsFileSystemCmk)).toEqual([
      'pass Cmk',
      'fail AwsKey',
      'fail Plain',
      'fail Off',
      'fail FromParam',
      'fail FromDeployParam',
    ]));
});

describe('efs-file-system-backup-plan', () => {
  const selection = (body: string) =>
    `    Type: AWS::Backup::BackupSelection\n    Properties:\n      BackupPlanId: !Ref Plan\n      BackupSelection:\n        SelectionName: s\n        IamRoleArn: r\n${body}`;
  const t = tpl(`  Automatic:
${fs('BackupPolicy: { Status: ENABLED }')}  Disabled:
${fs('BackupPolicy: { Status: DISABLED }')}  ByRef:
${fs('Encrypted: true')}  ByTag:
${fs('FileSystemTags: [{ Key: backup, Value: gold }]')}  OtherTag:
${fs('FileSystemTags: [{ Key: backup, Value: bronze }]')}  Nothing:
${fs('Encrypted: true')}  RefSelection:
${selection('        Resources: [!GetAtt ByRef.Arn]\n')}  TagSelection:
${selection('        ListOfTags: [{ ConditionType: STRINGEQUALS, ConditionKey: backup, ConditionValue: gold }]\n')}`);
  it('passes automatic backups and backup selections by reference or tag', () =>
    expect(verdicts(t, efsFileSystemBackupPlan)).toEqual([
      'pass Automatic',
      'fail Disabled',
      'pass ByRef',
      'pass ByTag',
      'fail OtherTag',
      'fail Nothing',
    ]));
  it('matches file-system ARN wildcards, less NotResources', () => {
    const w = tpl(`  Kept:
${fs('Encrypted: true')}  Dropped:
${fs('Encrypted: true')}  AllFileSystems:
${selection(
  '        Resources: [!Sub "arn:${AWS::Partition}:elasticfilesystem:${AWS::Region}:${AWS::AccountId}:file-system/*"]\n        NotResources: [!GetAtt Dropped.Arn]\n',
)}  TablesOnly:
${selection('        Resources: ["arn:aws:dynamodb:us-east-1:111122223333:table/*"]\n')}`);
    expect(verdicts(w, efsFileSystemBackupPlan)).toEqual(['pass Kept', 'fail Dropped']);
  });
});
