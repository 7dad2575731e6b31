import type { Rule } from '../../rule.js';
import { wafWebaclBotControl } from './waf-webacl-bot-control.js';
import { wafWebaclCommonRules } from './waf-webacl-common-rules.js';
import { wafWebaclLogging } from './waf-webacl-logging.js';
import { wafWebaclRateBasedRule } from './waf-webacl-rate-based-rule.js';

/** waf rules (WAFv2 web ACL content), in evaluation order. */
export const wafRules: Rule[] = [wafWebaclRateBasedRule, wafWebaclBotControl, wafWebaclCommonRules, wafWebaclLogging];
