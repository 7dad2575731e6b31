import type { Rule } from '../rule.js';
import { accountRules } from './account/index.js';
import { apigatewayRules } from './apigateway/index.js';
import { bedrockRules } from './bedrock/index.js';
import { cloudtrailRules } from './cloudtrail/index.js';
import { iamRules } from './iam/index.js';
import { logsRules } from './logs/index.js';
import { s3Rules } from './s3/index.js';
import { sagemakerRules } from './sagemaker/index.js';

/**
 * Every posture rule, in a fixed order (the order of findings per resource). Each service family keeps its own
 * index, so adding a rule touches only its family's folder.
 */
export const allRules: Rule[] = [
  ...s3Rules,
  ...sagemakerRules,
  ...bedrockRules,
  ...iamRules,
  ...cloudtrailRules,
  ...apigatewayRules,
  ...logsRules,
  ...accountRules,
];
