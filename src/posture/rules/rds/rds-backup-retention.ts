import type { ResourceRule } from '../../rule.js';
import { isIntrinsic } from '../../sources/intrinsics.js';
import { isSet } from '../../values.js';
import { decide, settle, valuesAt } from '../deploy-values.js';
import { clusterManaged } from './engine.js';

/** Days of automated backups below which a poisoned or deleted dataset is likely noticed too late. */
export const MIN_RETENTION_DAYS = 7;
/** CloudFormation's default BackupRetentionPeriod for instances and clusters. */
const DEFAULT_DAYS = 1;

export const rdsBackupRetention: ResourceRule = {
  kind: 'resource',
  id: 'rds-backup-retention',
  title: `RDS database keeps automated backups for at least ${MIN_RETENTION_DAYS} days`,
  severity: 'medium',
  resourceTypes: ['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster'],
  controls: ['dp-backup-and-recovery'],
  description: `BackupRetentionPeriod is at least ${MIN_RETENTION_DAYS} days, so the data behind a RAG application can be restored to a point before a bad ingestion, a poisoning or a deletion that took days to notice. The CloudFormation default is ${DEFAULT_DAYS} day, and 0 turns backups off. Aurora instances (judged on their cluster) and read replicas are not evaluated. Stricter than cdk-nag AwsSolutions-RDS13 and Security Hub RDS.11, which only require backups to be on.`,
  remediation: {
    text: `Set BackupRetentionPeriod to ${MIN_RETENTION_DAYS} or more (up to 35).`,
    cloudformation: 'BackupRetentionPeriod: 14',
    terraform: 'backup_retention_period = 14',
  },
  equivalents: {
    checkov: ['CKV_AWS_133'],
    cdkNag: ['AwsSolutions-RDS13', 'NIST.800.53.R5-RDSInstanceBackupEnabled'],
    cfnNag: ['W75'],
    prowler: ['rds_instance_backup_enabled'],
    securityHub: ['RDS.11'],
  },
  evaluate(db, ctx) {
    if (clusterManaged(ctx, db) || isSet(db.properties.SourceDBInstanceIdentifier)) return undefined;
    const values = valuesAt(ctx, db, ['BackupRetentionPeriod']);
    const days = (v: unknown): number | undefined =>
      v === undefined || v === null ? DEFAULT_DAYS : isIntrinsic(v) ? undefined : Number(v);
    const outcome = decide(values, (v) => {
      const d = days(v);
      return d === undefined ? undefined : d >= MIN_RETENTION_DAYS;
    });
    const shortest = values.map(days).find((d) => d !== undefined && !(d >= MIN_RETENTION_DAYS));
    return settle(
      outcome,
      {
        pass: `${db.id} keeps automated backups for at least ${MIN_RETENTION_DAYS} days.`,
        fail:
          shortest === 0
            ? `${db.id} turns automated backups off (BackupRetentionPeriod 0).`
            : `${db.id} keeps automated backups for ${String(shortest)} day(s)${db.properties.BackupRetentionPeriod === undefined ? ' (the default)' : ''}, under ${MIN_RETENTION_DAYS}.`,
      },
      {
        path: db.properties.BackupRetentionPeriod === undefined ? [] : ['BackupRetentionPeriod'],
        evidence: { days: shortest },
      },
    );
  },
};
