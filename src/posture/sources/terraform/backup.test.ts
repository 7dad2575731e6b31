import { describe, expect, it } from 'vitest';
import { collectRefs, refTarget } from '../intrinsics.js';
import { ruleVerdicts as verdicts } from './rule-verdicts.js';
import { resourcesOf } from './test-fixtures.js';

const plan = resourcesOf('backup.plan.json');

describe('AWS Backup mapping', () => {
  it('keeps literal ARNs and turns references whose ARNs are unknown into references', () => {
    const s = plan('aws_backup_selection.databases');
    expect(s.type).toBe('AWS::Backup::BackupSelection');
    expect(refTarget(s.properties.BackupPlanId)).toBe('aws_backup_plan.main');
    const selection = s.properties.BackupSelection as Record<string, unknown>;
    expect(selection.SelectionName).toBe('ai-databases');
    expect(selection.Resources).toContain('arn:aws:rds:eu-west-1:111122223333:db:legacy-*');
    expect([...collectRefs(selection.Resources)].sort()).toEqual([
      'aws_db_instance.vectors',
      'aws_dynamodb_table.sessions',
    ]);
    expect(selection).not.toHaveProperty('ListOfTags');
  });

  it('lists a new resource next to a known ARN, though the plan cannot line the two up', () => {
    const selection = plan('aws_backup_selection.mixed').properties.BackupSelection as Record<string, unknown>;
    expect([...collectRefs(selection.Resources)].sort()).toEqual([
      'aws_dynamodb_table.existing',
      'aws_efs_file_system.shared',
    ]);
  });

  it('maps selection tags and conditions', () => {
    expect(plan('aws_backup_selection.tagged').properties.BackupSelection).toMatchObject({
      ListOfTags: [{ ConditionType: 'STRINGEQUALS', ConditionKey: 'backup', ConditionValue: 'gold' }],
    });
    expect(plan('aws_backup_selection.prod_only').properties.BackupSelection).toMatchObject({
      Resources: ['*'],
      Conditions: { StringEquals: [{ ConditionKey: 'aws:ResourceTag/env', ConditionValue: 'prod' }] },
    });
  });

  it('maps vaults and their key', () => {
    expect(refTarget(plan('aws_backup_vault.main').properties.EncryptionKeyArn)).toBe('aws_kms_key.storage');
    expect(plan('aws_backup_vault.default_key').properties).not.toHaveProperty('EncryptionKeyArn');
  });
});

describe('backup-plan rules on a plan', () => {
  it('dynamodb-table-backup-plan: by reference, by tag, by wildcard under a condition', () =>
    expect(verdicts('backup.plan.json', 'dynamodb-table-backup-plan')).toEqual([
      'fail aws_dynamodb_table.cache',
      'pass aws_dynamodb_table.existing',
      'pass aws_dynamodb_table.prod_memory',
      'pass aws_dynamodb_table.sessions',
    ]));
  it('rds-backup-plan: by reference and by ARN wildcard, less NotResources', () =>
    expect(verdicts('backup.plan.json', 'rds-backup-plan')).toEqual([
      'fail aws_db_instance.analytics',
      'pass aws_db_instance.legacy',
      'pass aws_db_instance.vectors',
    ]));
  it('backup-vault-cmk', () =>
    expect(verdicts('backup.plan.json', 'backup-vault-cmk')).toEqual([
      'fail aws_backup_vault.default_key',
      'pass aws_backup_vault.main',
    ]));
});
