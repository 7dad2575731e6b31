import type { Rule } from '../../rule.js';
import { logsGroupKms, logsGroupRetention } from './logs-group-kms-retention.js';

/** logs rules, in evaluation order. */
export const logsRules: Rule[] = [logsGroupKms, logsGroupRetention];
