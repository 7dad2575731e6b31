import { describe, expect, it } from 'vitest';
import { runRules, verdicts } from '../../test-helpers.js';
import { rdsBackupRetention } from './rds-backup-retention.js';
import { rdsDeletionProtection } from './rds-deletion-protection.js';
import { rdsNotPubliclyAccessible } from './rds-not-publicly-accessible.js';
import { rdsPostgresIamAuth } from './rds-postgres-iam-auth.js';
import { rdsStorageCmk } from './rds-storage-cmk.js';
import { rdsStorageEncrypted } from './rds-storage-encrypted.js';

const tpl = (resources: string, params = '') =>
  `AWSTemplateFormatVersion: "2010-09-09"\n${params}Resources:\n${resources}`;
const instance = (props: string) =>
  `    Type: AWS::RDS::DBInstance\n    Properties: { DBInstanceClass: db.t3.micro, ${props} }\n`;
const cluster = (props: string) => `    Type: AWS::RDS::DBCluster\n    Properties: { ${props} }\n`;

describe('rds-storage-encrypted and rds-storage-cmk', () => {
  const t = tpl(`  EncryptedCmk:
${instance('Engine: postgres, StorageEncrypted: true, KmsKeyId: !Ref DbKey')}  EncryptedAwsKey:
${instance('Engine: mysql, StorageEncrypted: "true"')}  Plain:
${instance('Engine: mysql')}  AuroraMember:
${instance('Engine: aurora-postgresql, DBClusterIdentifier: !Ref Aurora')}  Replica:
${instance('SourceDBInstanceIdentifier: !Ref Plain')}  Aurora:
${cluster('Engine: aurora-postgresql, StorageEncrypted: true, KmsKeyId: arn:aws:kms:us-east-1:111122223333:key/abc')}  AuroraPlain:
${cluster('Engine: aurora-mysql, StorageEncrypted: false')}  FromSnapshot:
${cluster('Engine: aurora-mysql, SnapshotIdentifier: snap')}  ServerlessV1:
${cluster('Engine: aurora-mysql, EngineMode: serverless')}`);
  it('rds-storage-encrypted judges instances and clusters, skipping Aurora members and inherited storage', () =>
    expect(verdicts(t, rdsStorageEncrypted)).toEqual([
      'pass EncryptedCmk',
      'pass EncryptedAwsKey',
      'fail Plain',
      'pass Aurora',
      'fail AuroraPlain',
      'pass ServerlessV1',
    ]));
  it('rds-storage-cmk requires a customer managed key on encrypted storage', () =>
    expect(verdicts(t, rdsStorageCmk)).toEqual([
      'pass EncryptedCmk',
      'fail EncryptedAwsKey',
      'fail Plain',
      'pass Aurora',
      'fail AuroraPlain',
      'fail ServerlessV1',
    ]));
});

describe('rds-not-publicly-accessible', () => {
  const t = tpl(`  Explicit:
${instance('Engine: postgres, PubliclyAccessible: true, DBSubnetGroupName: !Ref PrivateGroup')}  Private:
${instance('Engine: postgres, PubliclyAccessible: "false"')}  DefaultVpc:
${instance('Engine: postgres')}  PrivateGroupDefault:
${instance('Engine: postgres, DBSubnetGroupName: !Ref PrivateGroup')}  PublicGroupDefault:
${instance('Engine: postgres, DBSubnetGroupName: !Ref PublicGroup')}  Member:
${instance('Engine: aurora-postgresql, DBClusterIdentifier: !Ref Aurora')}  Aurora:
${cluster('Engine: aurora-postgresql, DBSubnetGroupName: !Ref PrivateGroup')}  MultiAz:
${cluster('Engine: postgres, DBClusterInstanceClass: db.m6gd.large, PubliclyAccessible: true')}  PrivateGroup:
    Type: AWS::RDS::DBSubnetGroup
    Properties: { DBSubnetGroupDescription: p, SubnetIds: [!Ref PrivateSubnet] }
  PublicGroup:
    Type: AWS::RDS::DBSubnetGroup
    Properties: { DBSubnetGroupDescription: p, SubnetIds: [!Ref PublicSubnet] }
  PrivateSubnet:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !Ref IsolatedVpc, CidrBlock: 10.0.0.0/24 }
  PublicSubnet:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: !Ref EdgeVpc, CidrBlock: 10.1.0.0/24 }
  IsolatedVpc:
    Type: AWS::EC2::VPC
    Properties: { CidrBlock: 10.0.0.0/16 }
  EdgeVpc:
    Type: AWS::EC2::VPC
    Properties: { CidrBlock: 10.1.0.0/16 }
  Gateway:
    Type: AWS::EC2::InternetGateway
  Attach:
    Type: AWS::EC2::VPCGatewayAttachment
    Properties: { VpcId: !Ref EdgeVpc, InternetGatewayId: !Ref Gateway }
`);
  it('follows the subnet group to the VPC when PubliclyAccessible is unset', () =>
    expect(verdicts(t, rdsNotPubliclyAccessible)).toEqual([
      'fail Explicit',
      'pass Private',
      'fail DefaultVpc',
      'pass PrivateGroupDefault',
      'fail PublicGroupDefault',
      'pass Member',
      'fail MultiAz',
    ]));
  it('explains the default', () => {
    const f = runRules(t, [rdsNotPubliclyAccessible]);
    expect(f.find((x) => x.resource.id === 'DefaultVpc')?.message).toMatch(/default VPC/);
    expect(f.find((x) => x.resource.id === 'PublicGroupDefault')?.message).toMatch(
      /EdgeVpc, which has an internet gateway/,
    );
  });
});

describe('rds-deletion-protection', () => {
  const t = tpl(`  On:
${instance('Engine: postgres, DeletionProtection: true')}  Off:
${instance('Engine: postgres')}  Member:
${instance('Engine: aurora-mysql, DBClusterIdentifier: c')}  ClusterOn:
${cluster('Engine: aurora-mysql, DeletionProtection: "true"')}  ClusterOff:
${cluster('Engine: aurora-mysql, DeletionProtection: false')}`);
  it('judges instances and clusters, Aurora members through their cluster', () =>
    expect(verdicts(t, rdsDeletionProtection)).toEqual(['pass On', 'fail Off', 'pass ClusterOn', 'fail ClusterOff']));
});

describe('rds-postgres-iam-auth', () => {
  const t = tpl(
    `  PgIam:
${instance('Engine: postgres, EnableIAMDatabaseAuthentication: true')}  PgPassword:
${instance('Engine: postgres')}  MySql:
${instance('Engine: mysql')}  AuroraPg:
${cluster('Engine: aurora-postgresql, EnableIAMDatabaseAuthentication: "false"')}  AuroraPgMember:
${instance('Engine: aurora-postgresql, DBClusterIdentifier: c')}  EngineParam:
${cluster('Engine: !Ref DbEngine')}`,
    'Parameters:\n  DbEngine: { Type: String, Default: aurora-postgresql }\n',
  );
  it('applies to PostgreSQL engines only, resolving parameter defaults', () =>
    expect(verdicts(t, rdsPostgresIamAuth)).toEqual([
      'pass PgIam',
      'fail PgPassword',
      'fail AuroraPg',
      'fail EngineParam',
    ]));
});

describe('rds-backup-retention', () => {
  const t = tpl(`  Week:
${instance('Engine: postgres, BackupRetentionPeriod: 7')}  WeekString:
${instance('Engine: postgres, BackupRetentionPeriod: "14"')}  DefaultDay:
${instance('Engine: postgres')}  Off:
${instance('Engine: postgres, BackupRetentionPeriod: 0')}  Replica:
${instance('SourceDBInstanceIdentifier: !Ref Week')}  Cluster:
${cluster('Engine: aurora-postgresql, BackupRetentionPeriod: 3')}`);
  it(`requires at least a week of automated backups`, () =>
    expect(verdicts(t, rdsBackupRetention)).toEqual([
      'pass Week',
      'pass WeekString',
      'fail DefaultDay',
      'fail Off',
      'fail Cluster',
    ]));
  it('says when backups are off', () =>
    expect(runRules(t, [rdsBackupRetention]).find((x) => x.resource.id === 'Off')?.message).toMatch(
      /turns automated backups off/,
    ));
});
