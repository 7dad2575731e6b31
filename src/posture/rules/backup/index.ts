import type { Rule } from '../../rule.js';
import { backupVaultCmk } from './backup-vault-cmk.js';

/** backup rules, in evaluation order. */
export const backupRules: Rule[] = [backupVaultCmk];
