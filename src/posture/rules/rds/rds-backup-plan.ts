import { fail, pass, type ResourceRule } from '../../rule.js';
import { isSet } from '../../values.js';
import { backupSelectionsOf } from '../backup-selections.js';
import { clusterManaged } from './engine.js';

const INSTANCE_ARN = /^arn:[^:]*:rds:[^:]*:[^:]*:db:(.+)$/;
const CLUSTER_ARN = /^arn:[^:]*:rds:[^:]*:[^:]*:cluster:(.+)$/;

export const rdsBackupPlan: ResourceRule = {
  kind: 'resource',
  id: 'rds-backup-plan',
  title: 'RDS instance or Aurora cluster is in an AWS Backup plan',
  severity: 'low',
  resourceTypes: ['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster'],
  controls: ['dp-backup-and-recovery'],
  description:
    'An AWS::Backup::BackupSelection in the same template selects the DB instance or cluster (by reference, by db: or cluster: ARN or wildcard, or by tag), so the vector store and application data get backups kept beyond the 35 days of automated backups, in a vault that can be copied to another account or Region. Aurora instances are judged on their cluster, read replicas not at all. Databases backed up by an organization backup policy outside the template fail here: suppress them with that reason. In Terraform plans, aws_backup_selection resources of the same plan count the same way.',
  remediation: {
    text: 'Add the database to a backup plan through an AWS::Backup::BackupSelection (or tag it for a tag-based selection).',
    cloudformation:
      'DatabaseBackup:\n  Type: AWS::Backup::BackupSelection\n  Properties:\n    BackupPlanId: !Ref BackupPlan\n    BackupSelection:\n      SelectionName: ai-databases\n      IamRoleArn: !GetAtt BackupRole.Arn\n      Resources: [!GetAtt Database.DBClusterArn]',
    terraform:
      'resource "aws_backup_selection" "databases" {\n  plan_id      = aws_backup_plan.this.id\n  name         = "ai-databases"\n  iam_role_arn = aws_iam_role.backup.arn\n  resources    = [aws_rds_cluster.this.arn]\n}',
  },
  equivalents: {
    cdkNag: ['HIPAA.Security-RDSInBackupPlan', 'NIST.800.53.R5-RDSInBackupPlan'],
  },
  evaluate(db, ctx) {
    if (clusterManaged(ctx, db) || isSet(db.properties.SourceDBInstanceIdentifier)) return undefined;
    const instance = db.type === 'AWS::RDS::DBInstance';
    const name = ctx.value(db, [instance ? 'DBInstanceIdentifier' : 'DBClusterIdentifier']);
    const selections = backupSelectionsOf(ctx, db, {
      arn: instance ? INSTANCE_ARN : CLUSTER_ARN,
      name: typeof name === 'string' ? name.toLowerCase() : undefined,
    });
    return selections.length
      ? pass(`${db.id} is selected for backup by ${selections[0]!.id}.`)
      : fail(`${db.id} is in no AWS Backup selection of this template.`);
  },
};
