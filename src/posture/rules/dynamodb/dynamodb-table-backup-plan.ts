import { fail, pass, type ResourceRule } from '../../rule.js';
import { backupSelectionsOf } from './backup-selections.js';

export const dynamodbTableBackupPlan: ResourceRule = {
  kind: 'resource',
  id: 'dynamodb-table-backup-plan',
  title: 'DynamoDB table is in an AWS Backup plan',
  severity: 'low',
  resourceTypes: ['AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable'],
  controls: ['dp-backup-and-recovery'],
  description:
    'An AWS::Backup::BackupSelection in the same template selects the table (by reference, by table ARN or wildcard, or by tag), so conversation state, agent memory and RAG metadata get backups kept longer than the 35 days of point-in-time recovery, in a vault that can be copied to another account or Region. Tables backed up by an organization backup policy outside the template fail here: suppress them with that reason. In Terraform plans, aws_backup_selection resources of the same plan count the same way.',
  remediation: {
    text: 'Add the table to a backup plan through an AWS::Backup::BackupSelection (or tag it for a tag-based selection).',
    cloudformation:
      'TableBackup:\n  Type: AWS::Backup::BackupSelection\n  Properties:\n    BackupPlanId: !Ref BackupPlan\n    BackupSelection:\n      SelectionName: ai-tables\n      IamRoleArn: !GetAtt BackupRole.Arn\n      Resources: [!GetAtt Table.Arn]',
    terraform:
      'resource "aws_backup_selection" "tables" {\n  plan_id      = aws_backup_plan.this.id\n  name         = "ai-tables"\n  iam_role_arn = aws_iam_role.backup.arn\n  resources    = [aws_dynamodb_table.this.arn]\n}',
  },
  equivalents: {
    cdkNag: ['HIPAA.Security-DynamoDBInBackupPlan', 'NIST.800.53.R5-DynamoDBInBackupPlan'],
  },
  evaluate(t, ctx) {
    const selections = backupSelectionsOf(ctx, t);
    return selections.length
      ? pass(`Table ${t.id} is selected for backup by ${selections[0]!.id}.`)
      : fail(`Table ${t.id} is in no AWS Backup selection of this template.`);
  },
};
