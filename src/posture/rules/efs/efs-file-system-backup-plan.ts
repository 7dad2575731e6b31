import { fail, pass, type ResourceRule } from '../../rule.js';
import { backupSelectionsOf } from '../backup-selections.js';

/** EFS ARNs name the file system id, which a template cannot know: only wildcards and references match. */
const FILE_SYSTEM_ARN = /^arn:[^:]*:elasticfilesystem:[^:]*:[^:]*:file-system\/(.+)$/;

export const efsFileSystemBackupPlan: ResourceRule = {
  kind: 'resource',
  id: 'efs-file-system-backup-plan',
  title: 'EFS file system is backed up by AWS Backup',
  severity: 'low',
  resourceTypes: ['AWS::EFS::FileSystem'],
  controls: ['dp-backup-and-recovery'],
  description:
    'The file system turns on automatic backups (BackupPolicy.Status ENABLED, a daily AWS Backup plan kept 35 days) or an AWS::Backup::BackupSelection in the same template selects it (by reference, by file-system ARN wildcard or by tag), so datasets, checkpoints and SageMaker Studio home directories can be restored after deletion or ransomware. File systems backed up by an organization backup policy outside the template fail here: suppress them with that reason.',
  remediation: {
    text: 'Set BackupPolicy.Status to ENABLED, or add the file system to a backup plan through an AWS::Backup::BackupSelection.',
    cloudformation: 'BackupPolicy:\n  Status: ENABLED',
    terraform:
      'resource "aws_efs_backup_policy" "this" {\n  file_system_id = aws_efs_file_system.this.id\n  backup_policy {\n    status = "ENABLED"\n  }\n}',
  },
  equivalents: {
    cdkNag: ['HIPAA.Security-EFSInBackupPlan', 'NIST.800.53.R5-EFSInBackupPlan'],
  },
  evaluate(fs, ctx) {
    const status = ctx.value(fs, ['BackupPolicy', 'Status']);
    if (typeof status === 'string' && status.toUpperCase() === 'ENABLED')
      return pass(`File system ${fs.id} has automatic backups enabled.`);
    const selections = backupSelectionsOf(ctx, fs, { arn: FILE_SYSTEM_ARN, name: undefined });
    if (selections.length) return pass(`File system ${fs.id} is selected for backup by ${selections[0]!.id}.`);
    return fail(`File system ${fs.id} has no automatic backups and is in no AWS Backup selection of this template.`, {
      path: fs.properties.BackupPolicy === undefined ? [] : ['BackupPolicy'],
    });
  },
};
