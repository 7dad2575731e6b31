import type { Rule } from '../../rule.js';
import { apigwStageWaf } from './apigw-stage-waf.js';

/** apigateway rules, in evaluation order. */
export const apigatewayRules: Rule[] = [apigwStageWaf];
