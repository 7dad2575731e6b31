import type { Rule } from '../../rule.js';
import { accessAnalyzerEnabled, guardDutyEnabled, macieEnabled, securityHubEnabled } from './account-services.js';

/** Account-level services: checked when declared, otherwise "not evidenced here". */
export const accountRules: Rule[] = [guardDutyEnabled, securityHubEnabled, macieEnabled, accessAnalyzerEnabled];
