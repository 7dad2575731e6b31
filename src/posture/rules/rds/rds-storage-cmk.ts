import type { ResourceRule } from '../../rule.js';
import { fail, pass } from '../../rule.js';
import { boolIs, decide, valuesAt } from '../deploy-values.js';
import { keyRefAt } from '../kms/key-reference.js';
import { clusterManaged, inheritsStorage } from './engine.js';

export const rdsStorageCmk: ResourceRule = {
  kind: 'resource',
  id: 'rds-storage-cmk',
  title: 'RDS instance or Aurora cluster is encrypted with a customer managed KMS key',
  severity: 'medium',
  resourceTypes: ['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster'],
  controls: ['dp-kms-cmk-at-rest', 'dp-vector-store-encryption'],
  description:
    'Encrypted storage names a customer managed key in KmsKeyId rather than the AWS managed key aws/rds, so the account decides who may decrypt the database, its snapshots and its pgvector embeddings, and can share encrypted snapshots deliberately. Aurora instances are judged on their cluster; restored and replicated resources inherit their source key and are not evaluated.',
  remediation: {
    text: 'Set StorageEncrypted: true and KmsKeyId to a customer managed key.',
    cloudformation: 'StorageEncrypted: true\nKmsKeyId: !GetAtt DatabaseKey.Arn',
    terraform: 'storage_encrypted = true\nkms_key_id        = aws_kms_key.db.arn',
  },
  equivalents: { checkov: ['CKV_AWS_327'] },
  evaluate(db, ctx) {
    if (clusterManaged(ctx, db) || inheritsStorage(db)) return undefined;
    const serverlessV1 = db.type === 'AWS::RDS::DBCluster' && ctx.value(db, ['EngineMode']) === 'serverless';
    const encrypted = serverlessV1 || decide(valuesAt(ctx, db, ['StorageEncrypted']), boolIs(true, false)) !== 'fail';
    if (!encrypted) return fail(`${db.id} is not encrypted at all, so no customer managed key protects it.`);
    return keyRefAt(ctx, db, ['KmsKeyId']) === 'customer'
      ? pass(`${db.id} is encrypted with a customer managed key.`)
      : fail(`${db.id} is encrypted with the AWS managed key aws/rds; name a customer managed KmsKeyId.`, {
          path: db.properties.KmsKeyId === undefined ? [] : ['KmsKeyId'],
        });
  },
};
