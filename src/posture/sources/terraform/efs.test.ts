import { describe, expect, it } from 'vitest';
import { refTarget } from '../intrinsics.js';
import { ruleVerdicts as verdicts } from './rule-verdicts.js';
import { resourcesOf } from './test-fixtures.js';

const storage = resourcesOf('backup.plan.json');

describe('EFS mapping', () => {
  it('maps encryption, the key and tags (provider default tags included)', () => {
    const fs = storage('aws_efs_file_system.datasets');
    expect(fs).toMatchObject({
      type: 'AWS::EFS::FileSystem',
      properties: { Encrypted: true, ThroughputMode: 'elastic', FileSystemTags: [{ Key: 'Name', Value: 'datasets' }] },
    });
    expect(refTarget(fs.properties.KmsKeyId)).toBe('aws_kms_key.storage');
    // Encryption and the key left to the provider are not declared (EFS then stores unencrypted / uses aws/elasticfilesystem).
    expect(storage('aws_efs_file_system.home').properties).not.toHaveProperty('KmsKeyId');
    expect(storage('aws_efs_file_system.scratch').properties).not.toHaveProperty('Encrypted');
  });

  it('folds aws_efs_backup_policy into BackupPolicy', () => {
    const fs = storage('aws_efs_file_system.datasets');
    expect(fs.properties.BackupPolicy).toEqual({ Status: 'ENABLED' });
    expect(fs.metadata.terraform).toMatchObject({ mergedFrom: ['aws_efs_backup_policy.datasets'] });
    expect(storage('aws_efs_file_system.scratch').properties.BackupPolicy).toEqual({ Status: 'DISABLED' });
  });
});

describe('EFS rules on a plan', () => {
  it('efs-file-system-encrypted', () =>
    expect(verdicts('backup.plan.json', 'efs-file-system-encrypted')).toEqual([
      'fail aws_efs_file_system.scratch',
      'pass aws_efs_file_system.datasets',
      'pass aws_efs_file_system.home',
      'pass aws_efs_file_system.shared',
    ]));
  it('efs-file-system-cmk', () =>
    expect(verdicts('backup.plan.json', 'efs-file-system-cmk')).toEqual([
      'fail aws_efs_file_system.home',
      'fail aws_efs_file_system.scratch',
      'pass aws_efs_file_system.datasets',
      'pass aws_efs_file_system.shared',
    ]));
  it('efs-file-system-backup-plan counts automatic backups, tag and reference selections', () =>
    expect(verdicts('backup.plan.json', 'efs-file-system-backup-plan')).toEqual([
      'fail aws_efs_file_system.scratch',
      'pass aws_efs_file_system.datasets',
      'pass aws_efs_file_system.home',
      'pass aws_efs_file_system.shared',
    ]));
});
