import type { ResourceRule } from '../../rule.js';
import { boolIs, decide, settle, valuesAt } from '../deploy-values.js';
import { clusterManaged, inheritsStorage } from './engine.js';

export const rdsStorageEncrypted: ResourceRule = {
  kind: 'resource',
  id: 'rds-storage-encrypted',
  title: 'RDS instance or Aurora cluster storage is encrypted',
  severity: 'high',
  resourceTypes: ['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster'],
  controls: ['dp-rag-datastore-encryption'],
  description:
    'StorageEncrypted is true on DB instances and clusters that hold RAG data or pgvector embeddings, which also encrypts their automated backups, snapshots and read replicas. Aurora instances are judged on their cluster; resources restored from a snapshot or created from a source inherit its encryption and are not evaluated. Aurora Serverless v1 clusters are always encrypted.',
  remediation: {
    text: 'Set StorageEncrypted: true with a KmsKeyId (encryption cannot be turned on later; restore from an encrypted snapshot).',
    cloudformation: 'StorageEncrypted: true\nKmsKeyId: !Ref DatabaseKey',
    terraform: 'storage_encrypted = true\nkms_key_id        = aws_kms_key.db.arn',
  },
  equivalents: {
    checkov: ['CKV_AWS_16', 'CKV_AWS_96'],
    cdkNag: ['AwsSolutions-RDS2', 'NIST.800.53.R5-RDSStorageEncrypted', 'HIPAA.Security-RDSStorageEncrypted'],
    cfnNag: ['F26', 'F27'],
    prowler: ['rds_instance_storage_encrypted', 'rds_cluster_storage_encrypted'],
    securityHub: ['RDS.3', 'RDS.27'],
  },
  evaluate(db, ctx) {
    if (clusterManaged(ctx, db) || inheritsStorage(db)) return undefined;
    if (db.type === 'AWS::RDS::DBCluster' && ctx.value(db, ['EngineMode']) === 'serverless')
      return { status: 'pass', message: `Cluster ${db.id} is Aurora Serverless v1, which is always encrypted.` };
    return settle(
      decide(valuesAt(ctx, db, ['StorageEncrypted']), boolIs(true, false)),
      {
        pass: `${db.id} encrypts its storage.`,
        fail: `${db.id} stores data, backups and snapshots unencrypted (StorageEncrypted is not true).`,
      },
      { path: db.properties.StorageEncrypted === undefined ? [] : ['StorageEncrypted'] },
    );
  },
};
