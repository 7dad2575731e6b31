import type { ResourceRule } from '../../rule.js';
import { isSet } from '../../values.js';
import { boolIs, decide, settle, valuesAt } from '../deploy-values.js';
import { engineOf } from './engine.js';

/** Engines that run pgvector, the vector store option for Bedrock knowledge bases on RDS. */
const POSTGRES = new Set(['postgres', 'aurora-postgresql']);

export const rdsPostgresIamAuth: ResourceRule = {
  kind: 'resource',
  id: 'rds-postgres-iam-auth',
  title: 'PostgreSQL database (pgvector) accepts IAM authentication',
  severity: 'medium',
  resourceTypes: ['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster'],
  controls: ['iam-short-term-credentials', 'iam-no-hardcoded-credentials'],
  description:
    'PostgreSQL and Aurora PostgreSQL databases, where pgvector keeps embeddings, set EnableIAMDatabaseAuthentication, so RAG applications and ingestion jobs connect with short-lived IAM tokens from their role instead of a long-lived database password. Other engines and Aurora instances (judged on their cluster) are not evaluated.',
  remediation: {
    text: 'Set EnableIAMDatabaseAuthentication: true and grant rds_iam to the application database user.',
    cloudformation: 'EnableIAMDatabaseAuthentication: true',
    terraform: 'iam_database_authentication_enabled = true',
  },
  equivalents: {
    checkov: ['CKV_AWS_161', 'CKV_AWS_162'],
    cdkNag: ['AwsSolutions-RDS6'],
    prowler: ['rds_instance_iam_authentication_enabled', 'rds_cluster_iam_authentication_enabled'],
    securityHub: ['RDS.10', 'RDS.12'],
  },
  evaluate(db, ctx) {
    const engine = engineOf(ctx, db);
    if (!engine || !POSTGRES.has(engine)) return undefined;
    if (db.type === 'AWS::RDS::DBInstance' && (isSet(db.properties.DBClusterIdentifier) || engine.startsWith('aurora')))
      return undefined;
    return settle(
      decide(valuesAt(ctx, db, ['EnableIAMDatabaseAuthentication']), boolIs(true, false)),
      {
        pass: `${db.id} (${engine}) accepts IAM database authentication.`,
        fail: `${db.id} (${engine}) accepts only database passwords; enable IAM authentication.`,
      },
      { path: db.properties.EnableIAMDatabaseAuthentication === undefined ? [] : ['EnableIAMDatabaseAuthentication'] },
    );
  },
};
