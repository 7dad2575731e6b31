import { describe, expect, it } from 'vitest';
import { verdicts } from '../../test-helpers.js';
import { planVerdicts } from '../plan-test-helpers.js';
import { rdsBackupPlan } from './rds-backup-plan.js';
import { rdsLogExports } from './rds-log-exports.js';
import { rdsMultiAz } from './rds-multi-az.js';

const tpl = (resources: string, params = '') =>
  `AWSTemplateFormatVersion: "2010-09-09"\n${params}Resources:\n${resources}`;
const instance = (props: string) =>
  `    Type: AWS::RDS::DBInstance\n    Properties: { DBInstanceClass: db.t3.micro, ${props} }\n`;
const cluster = (props: string) => `    Type: AWS::RDS::DBCluster\n    Properties: { ${props} }\n`;

describe('rds-multi-az', () => {
  const t = tpl(
    `  MultiAz:
${instance('Engine: postgres, MultiAZ: true')}  SingleAz:
${instance('Engine: postgres')}  ExplicitFalse:
${instance('Engine: mysql, MultiAZ: "false"')}  FromParam:
${instance('Engine: mysql, MultiAZ: !Ref HighlyAvailable')}  Replica:
${instance('SourceDBInstanceIdentifier: !Ref MultiAz')}  Redundant:
${cluster('Engine: aurora-postgresql')}  Writer:
${instance('Engine: aurora-postgresql, DBClusterIdentifier: !Ref Redundant')}  Reader:
${instance('Engine: aurora-postgresql, DBClusterIdentifier: !Ref Redundant')}  Lonely:
${cluster('Engine: aurora-mysql')}  OnlyWriter:
${instance('Engine: aurora-mysql, DBClusterIdentifier: !Ref Lonely')}  Elsewhere:
${cluster('Engine: aurora-postgresql')}  MultiAzCluster:
${cluster('Engine: postgres, DBClusterInstanceClass: db.m6gd.large')}  ServerlessV1:
${cluster('Engine: aurora-mysql, EngineMode: serverless')}`,
    'Parameters:\n  HighlyAvailable: { Type: String }\n',
  );
  it('judges instances by MultiAZ and Aurora clusters by the instances declared for them', () =>
    expect(verdicts(t, rdsMultiAz)).toEqual([
      'pass MultiAz',
      'fail SingleAz',
      'fail ExplicitFalse',
      'skip FromParam',
      'pass Redundant',
      'fail Lonely',
      'skip Elsewhere',
      'pass MultiAzCluster',
      'pass ServerlessV1',
    ]));
  it('reads multi_az from Terraform plans', () =>
    expect(
      planVerdicts(
        [
          {
            address: 'aws_db_instance.ha',
            values: { engine: 'postgres', instance_class: 'db.t3.micro', multi_az: true },
          },
          {
            address: 'aws_db_instance.single',
            values: { engine: 'postgres', instance_class: 'db.t3.micro', multi_az: false },
          },
        ],
        rdsMultiAz,
      ),
    ).toEqual(['pass aws_db_instance.ha', 'fail aws_db_instance.single']));
});

describe('rds-log-exports', () => {
  const t = tpl(`  Pgvector:
${instance('Engine: postgres, EnableCloudwatchLogsExports: [postgresql]')}  PgSilent:
${instance('Engine: postgres')}  MysqlAudit:
${instance('Engine: mysql, EnableCloudwatchLogsExports: [audit, error]')}  MysqlErrorOnly:
${instance('Engine: mariadb, EnableCloudwatchLogsExports: [error, slowquery]')}  AuroraMember:
${instance('Engine: aurora-postgresql, DBClusterIdentifier: !Ref AuroraPg')}  AuroraPg:
${cluster('Engine: aurora-postgresql, EnableCloudwatchLogsExports: [postgresql]')}  AuroraMy:
${cluster('Engine: aurora-mysql, EnableCloudwatchLogsExports: [slowquery]')}  DeployTimeEngine:
${instance('Engine: !Ref EngineName')}`);
  it('requires the audit-bearing log types of each engine, judging Aurora on the cluster', () =>
    expect(verdicts(t, rdsLogExports)).toEqual([
      'pass Pgvector',
      'fail PgSilent',
      'pass MysqlAudit',
      'fail MysqlErrorOnly',
      'pass AuroraPg',
      'fail AuroraMy',
    ]));
  it('reads enabled_cloudwatch_logs_exports from Terraform plans', () =>
    expect(
      planVerdicts(
        [
          {
            address: 'aws_rds_cluster.vectors',
            values: { engine: 'aurora-postgresql', enabled_cloudwatch_logs_exports: ['postgresql'] },
          },
          { address: 'aws_rds_cluster.quiet', values: { engine: 'aurora-postgresql' } },
        ],
        rdsLogExports,
      ),
    ).toEqual(['pass aws_rds_cluster.vectors', 'fail aws_rds_cluster.quiet']));
});

describe('rds-backup-plan', () => {
  const selection = (body: string) =>
    `    Type: AWS::Backup::BackupSelection\n    Properties:\n      BackupPlanId: !Ref Plan\n      BackupSelection:\n        SelectionName: s\n        IamRoleArn: r\n${body}`;
  const t = tpl(`  Selected:
${instance('Engine: postgres')}  Named:
${instance('Engine: postgres, DBInstanceIdentifier: Vectors-Prod')}  Other:
${instance('Engine: postgres, DBInstanceIdentifier: scratch')}  Aurora:
${cluster('Engine: aurora-postgresql')}  Member:
${instance('Engine: aurora-postgresql, DBClusterIdentifier: !Ref Aurora')}  Unselected:
${cluster('Engine: aurora-mysql')}  ByRef:
${selection('        Resources: [!GetAtt Selected.DBInstanceArn, !GetAtt Aurora.DBClusterArn]\n')}  ByArn:
${selection('        Resources: ["arn:aws:rds:us-east-1:111122223333:db:vectors-*"]\n')}`);
  it('finds instances and clusters selected by reference or ARN, judging Aurora on the cluster', () =>
    expect(verdicts(t, rdsBackupPlan)).toEqual([
      'pass Selected',
      'pass Named',
      'fail Other',
      'pass Aurora',
      'fail Unselected',
    ]));
  it('reads aws_backup_selection resources from Terraform plans', () =>
    expect(
      planVerdicts(
        [
          { address: 'aws_db_instance.db', values: { identifier: 'db', engine: 'postgres' } },
          { address: 'aws_db_instance.reports', values: { identifier: 'reports-1', engine: 'postgres' } },
          { address: 'aws_db_instance.other', values: { identifier: 'other', engine: 'postgres' } },
          {
            address: 'aws_backup_selection.s',
            values: {
              name: 's',
              plan_id: 'p',
              iam_role_arn: 'arn:aws:iam::111122223333:role/backup',
              resources: ['arn:aws:rds:us-east-1:111122223333:db:reports-*'],
            },
            references: { resources: ['aws_db_instance.db.arn', 'aws_db_instance.db'] },
          },
        ],
        rdsBackupPlan,
      ),
    ).toEqual(['pass aws_db_instance.db', 'pass aws_db_instance.reports', 'fail aws_db_instance.other']));
});
