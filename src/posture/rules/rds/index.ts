import type { Rule } from '../../rule.js';
import { rdsBackupPlan } from './rds-backup-plan.js';
import { rdsBackupRetention } from './rds-backup-retention.js';
import { rdsDeletionProtection } from './rds-deletion-protection.js';
import { rdsLogExports } from './rds-log-exports.js';
import { rdsMultiAz } from './rds-multi-az.js';
import { rdsNotPubliclyAccessible } from './rds-not-publicly-accessible.js';
import { rdsPostgresIamAuth } from './rds-postgres-iam-auth.js';
import { rdsStorageCmk } from './rds-storage-cmk.js';
import { rdsStorageEncrypted } from './rds-storage-encrypted.js';

/** rds rules, in evaluation order. */
export const rdsRules: Rule[] = [
  rdsStorageEncrypted,
  rdsStorageCmk,
  rdsNotPubliclyAccessible,
  rdsDeletionProtection,
  rdsPostgresIamAuth,
  rdsBackupRetention,
  rdsMultiAz,
  rdsLogExports,
  rdsBackupPlan,
];
