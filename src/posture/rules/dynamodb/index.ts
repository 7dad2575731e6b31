import type { Rule } from '../../rule.js';
import { dynamodbTableBackupPlan } from './dynamodb-table-backup-plan.js';
import { dynamodbTableCmk } from './dynamodb-table-cmk.js';
import { dynamodbTableDeletionProtection } from './dynamodb-table-deletion-protection.js';
import { dynamodbTablePitr } from './dynamodb-table-pitr.js';

/** dynamodb rules, in evaluation order. */
export const dynamodbRules: Rule[] = [
  dynamodbTableCmk,
  dynamodbTablePitr,
  dynamodbTableDeletionProtection,
  dynamodbTableBackupPlan,
];
