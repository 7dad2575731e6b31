import type { Rule } from '../../rule.js';
import { apigwMethodAuthorization } from './apigw-method-authorization.js';
import { apigwStageAccessLogging } from './apigw-stage-access-logging.js';
import { apigwStageCacheEncrypted } from './apigw-stage-cache-encrypted.js';
import { apigwStageExecutionLogging } from './apigw-stage-execution-logging.js';
import { apigwStageThrottling } from './apigw-stage-throttling.js';
import { apigwStageWaf } from './apigw-stage-waf.js';
import { apigwv2RouteAuthorization } from './apigwv2-route-authorization.js';
import { apigwv2StageAccessLogging } from './apigwv2-stage-access-logging.js';

/** apigateway rules, in evaluation order. */
export const apigatewayRules: Rule[] = [
  apigwStageWaf,
  apigwStageAccessLogging,
  apigwStageExecutionLogging,
  apigwStageThrottling,
  apigwMethodAuthorization,
  apigwv2RouteAuthorization,
  apigwv2StageAccessLogging,
  apigwStageCacheEncrypted,
];
