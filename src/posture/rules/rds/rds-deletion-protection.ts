import type { ResourceRule } from '../../rule.js';
import { boolIs, decide, settle, valuesAt } from '../deploy-values.js';
import { clusterManaged } from './engine.js';

export const rdsDeletionProtection: ResourceRule = {
  kind: 'resource',
  id: 'rds-deletion-protection',
  title: 'RDS database has deletion protection',
  severity: 'medium',
  resourceTypes: ['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster'],
  controls: ['dp-backup-and-recovery'],
  description:
    'DeletionProtection is true, so the database behind a RAG application or a vector store cannot be deleted by a stack update, a script or a stolen credential without first turning protection off. Aurora instances are judged on their cluster.',
  remediation: {
    text: 'Set DeletionProtection: true (and a DeletionPolicy of Snapshot or Retain on the resource).',
    cloudformation: 'DeletionProtection: true',
    terraform: 'deletion_protection = true',
  },
  equivalents: {
    checkov: ['CKV_AWS_293', 'CKV_AWS_139'],
    cdkNag: [
      'AwsSolutions-RDS10',
      'NIST.800.53.R5-RDSInstanceDeletionProtectionEnabled',
      'HIPAA.Security-RDSInstanceDeletionProtectionEnabled',
    ],
    cfnNag: ['F80'],
    prowler: ['rds_instance_deletion_protection', 'rds_cluster_deletion_protection'],
    securityHub: ['RDS.8', 'RDS.7'],
  },
  evaluate(db, ctx) {
    if (clusterManaged(ctx, db)) return undefined;
    return settle(
      decide(valuesAt(ctx, db, ['DeletionProtection']), boolIs(true, false)),
      {
        pass: `${db.id} has deletion protection.`,
        fail: `${db.id} can be deleted without first disabling protection.`,
      },
      { path: db.properties.DeletionProtection === undefined ? [] : ['DeletionProtection'] },
    );
  },
};
