import { describe, expect, it } from 'vitest';
import { refTarget } from '../intrinsics.js';
import { resourcesOf } from './test-fixtures.js';
import { isUnknown } from './unknown.js';

describe('RDS mapping', () => {
  const data = resourcesOf('data.plan.json');

  it('maps an instance: encryption, public access, backups, IAM auth', () => {
    const db = data('aws_db_instance.vectors');
    expect(db.type).toBe('AWS::RDS::DBInstance');
    expect(db.properties).toMatchObject({
      Engine: 'postgres',
      StorageEncrypted: false,
      PubliclyAccessible: true,
      BackupRetentionPeriod: 0,
      DeletionProtection: false,
      EnableIAMDatabaseAuthentication: false,
      AllocatedStorage: '100',
    });
    // The KMS key the provider picks by default is not declared by the code.
    expect(db.properties).not.toHaveProperty('KmsKeyId');
  });

  it('maps a cluster and never copies its password', () => {
    const c = data('aws_rds_cluster.aurora');
    expect(c.type).toBe('AWS::RDS::DBCluster');
    expect(c.properties).toMatchObject({ StorageEncrypted: true, DeletionProtection: true, BackupRetentionPeriod: 7 });
    expect(isUnknown(c.properties.MasterUserPassword)).toBe(true);
    expect(JSON.stringify(c.properties)).not.toContain('correct-horse-battery');
    const i = data('aws_rds_cluster_instance.aurora');
    expect(i.type).toBe('AWS::RDS::DBInstance');
    expect(refTarget(i.properties.DBClusterIdentifier)).toBe('aws_rds_cluster.aurora');
  });
});
