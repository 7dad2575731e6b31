import { describe, expect, it } from 'vitest';
import { runRules, verdicts } from '../../test-helpers.js';
import { planVerdicts } from '../plan-test-helpers.js';
import { dynamodbTableBackupPlan } from './dynamodb-table-backup-plan.js';
import { dynamodbTableCmk } from './dynamodb-table-cmk.js';
import { dynamodbTableDeletionProtection } from './dynamodb-table-deletion-protection.js';
import { dynamodbTablePitr } from './dynamodb-table-pitr.js';

const tpl = (resources: string, params = '') =>
  `AWSTemplateFormatVersion: "2010-09-09"\n${params}Resources:\n${resources}`;
const table = (props: string) => `    Type: AWS::DynamoDB::Table\n    Properties:\n      KeySchema: []\n${props}`;
const global = (props: string) =>
  `    Type: AWS::DynamoDB::GlobalTable\n    Properties:\n      KeySchema: []\n${props}`;

describe('dynamodb-table-cmk', () => {
  const t = tpl(
    `  Cmk:
${table('      SSESpecification: { SSEEnabled: true, SSEType: KMS, KMSMasterKeyId: !Ref Key }\n')}  StringTrue:
${table('      SSESpecification: { SSEEnabled: "true", KMSMasterKeyId: !GetAtt Key.Arn }\n')}  AwsManagedAlias:
${table('      SSESpecification: { SSEEnabled: true, KMSMasterKeyId: alias/aws/dynamodb }\n')}  KmsNoKey:
${table('      SSESpecification: { SSEEnabled: true }\n')}  Disabled:
${table('      SSESpecification: { SSEEnabled: false, KMSMasterKeyId: !Ref Key }\n')}  Default:
${table('')}  KeyFromParam:
${table('      SSESpecification: { SSEEnabled: true, KMSMasterKeyId: !Ref TableKey }\n')}  GlobalCmk:
${global(`      SSESpecification: { SSEEnabled: true, SSEType: KMS }
      Replicas:
        - { Region: us-east-1, SSESpecification: { KMSMasterKeyId: k1 } }
        - { Region: eu-west-1, SSESpecification: { KMSMasterKeyId: k2 } }
`)}  GlobalPartial:
${global(`      SSESpecification: { SSEEnabled: true, SSEType: KMS }
      Replicas:
        - { Region: us-east-1, SSESpecification: { KMSMasterKeyId: k1 } }
        - { Region: eu-west-1 }
`)}  GlobalOwned:
${global('      Replicas: [{ Region: us-east-1 }]\n')}`,
    'Parameters:\n  TableKey: { Type: String, Default: alias/aws/dynamodb }\n',
  );
  it('requires SSE with a customer managed key, per replica for global tables', () =>
    expect(verdicts(t, dynamodbTableCmk)).toEqual([
      'pass Cmk',
      'pass StringTrue',
      'fail AwsManagedAlias',
      'fail KmsNoKey',
      'fail Disabled',
      'fail Default',
      'fail KeyFromParam',
      'pass GlobalCmk',
      'fail GlobalPartial',
      'fail GlobalOwned',
    ]));
  it('names the replica without a key', () => {
    const f = runRules(t, [dynamodbTableCmk]).find((x) => x.resource.id === 'GlobalPartial');
    expect(f?.message).toMatch(/eu-west-1/);
    expect(f?.evidence).toEqual({ replicas: ['eu-west-1'] });
  });
});

describe('dynamodb-table-pitr', () => {
  const t = tpl(`  On:
${table('      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true }\n')}  OnString:
${table('      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: "true" }\n')}  Off:
${table('      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: false }\n')}  Missing:
${table('')}  GlobalAll:
${global(`      Replicas:
        - { Region: us-east-1, PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } }
        - { Region: eu-west-1, PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } }
`)}  GlobalSecondOff:
${global(`      Replicas:
        - { Region: us-east-1, PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } }
        - { Region: eu-west-1 }
`)}`);
  it('requires PITR on tables and on every global table replica', () =>
    expect(verdicts(t, dynamodbTablePitr)).toEqual([
      'pass On',
      'pass OnString',
      'fail Off',
      'fail Missing',
      'pass GlobalAll',
      'fail GlobalSecondOff',
    ]));
});

describe('dynamodb-table-deletion-protection', () => {
  const t = tpl(`  Protected:
${table('      DeletionProtectionEnabled: true\n')}  Unprotected:
${table('')}  Conditional:
${table('      DeletionProtectionEnabled: !If [Prod, true, false]\n')}  GlobalProtected:
${global('      Replicas: [{ Region: us-east-1, DeletionProtectionEnabled: true }]\n')}  GlobalUnprotected:
${global('      Replicas: [{ Region: us-east-1, DeletionProtectionEnabled: "false" }]\n')}`);
  it('requires deletion protection on tables and replicas', () =>
    expect(verdicts(t, dynamodbTableDeletionProtection)).toEqual([
      'pass Protected',
      'fail Unprotected',
      'pass Conditional',
      'pass GlobalProtected',
      'fail GlobalUnprotected',
    ]));
});

describe('dynamodb-table-backup-plan', () => {
  const selection = (body: string) =>
    `    Type: AWS::Backup::BackupSelection\n    Properties:\n      BackupPlanId: !Ref Plan\n      BackupSelection:\n        SelectionName: s\n        IamRoleArn: r\n${body}`;
  const t = tpl(`  ByRef:
${table('')}  ByName:
${table('      TableName: sessions\n')}  ByTag:
${table('      Tags: [{ Key: backup, Value: daily }]\n')}  WrongTag:
${table('      Tags: [{ Key: backup, Value: never }]\n')}  Excluded:
${table('      TableName: scratch\n')}  Alone:
${table('      TableName: memory\n')}  Global:
${global('      TableName: kb-meta\n      Replicas: [{ Region: eu-west-1 }]\n')}  RefSelection:
${selection('        Resources: [!GetAtt ByRef.Arn]\n')}  NameSelection:
${selection('        Resources: [!Sub "arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/sess*"]\n')}  TagSelection:
${selection('        ListOfTags: [{ ConditionType: STRINGEQUALS, ConditionKey: backup, ConditionValue: daily }]\n')}  WildcardSelection:
${selection('        Resources: ["arn:aws:dynamodb:*:*:table/*"]\n        NotResources: ["arn:aws:dynamodb:*:*:table/scratch"]\n        Conditions: { StringEquals: [{ ConditionKey: aws:ResourceTag/tier, ConditionValue: gold }] }\n')}`);
  it('follows references, ARN patterns and tags; honours NotResources and conditions', () =>
    expect(verdicts(t, dynamodbTableBackupPlan)).toEqual([
      'pass ByRef',
      'pass ByName',
      'pass ByTag',
      'fail WrongTag',
      'fail Excluded',
      'fail Alone',
      'fail Global',
    ]));
  it('a wildcard selection covers every table that meets its conditions and is not excluded', () => {
    const s = tpl(`  Gold:
${table('      TableName: a\n      Tags: [{ Key: tier, Value: gold }]\n')}  Bronze:
${table('      TableName: b\n      Tags: [{ Key: tier, Value: bronze }]\n')}  GoldScratch:
${table('      TableName: scratch\n      Tags: [{ Key: tier, Value: gold }]\n')}  All:
${selection('        Resources: ["*"]\n        NotResources: ["arn:aws:dynamodb:*:*:table/scratch"]\n        Conditions: { StringEquals: [{ ConditionKey: aws:ResourceTag/tier, ConditionValue: gold }] }\n')}`);
    expect(verdicts(s, dynamodbTableBackupPlan)).toEqual(['pass Gold', 'fail Bronze', 'fail GoldScratch']);
  });
  it('reads aws_backup_selection resources from Terraform plans', () =>
    expect(
      planVerdicts(
        [
          { address: 'aws_dynamodb_table.t', values: { name: 't', hash_key: 'id' } },
          { address: 'aws_dynamodb_table.other', values: { name: 'other', hash_key: 'id' } },
          {
            address: 'aws_backup_selection.s',
            values: { name: 's', plan_id: 'p', iam_role_arn: 'arn:aws:iam::111122223333:role/backup' },
            references: { resources: ['aws_dynamodb_table.t.arn', 'aws_dynamodb_table.t'] },
          },
        ],
        dynamodbTableBackupPlan,
      ),
    ).toEqual(['pass aws_dynamodb_table.t', 'fail aws_dynamodb_table.other']));
});
