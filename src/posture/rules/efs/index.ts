import type { Rule } from '../../rule.js';
import { efsFileSystemBackupPlan } from './efs-file-system-backup-plan.js';
import { efsFileSystemCmk } from './efs-file-system-cmk.js';
import { efsFileSystemEncrypted } from './efs-file-system-encrypted.js';

/** efs rules, in evaluation order. */
export const efsRules: Rule[] = [efsFileSystemEncrypted, efsFileSystemCmk, efsFileSystemBackupPlan];
