import type { Rule } from '../../rule.js';
import { lambdaAiFunctionConcurrency } from './lambda-ai-function-concurrency.js';
import { lambdaAiFunctionInVpc } from './lambda-ai-function-in-vpc.js';
import { lambdaEnvironmentCmk } from './lambda-environment-cmk.js';
import { lambdaUrlAuth } from './lambda-url-auth.js';

/** lambda rules, in evaluation order. */
export const lambdaRules: Rule[] = [
  lambdaEnvironmentCmk,
  lambdaUrlAuth,
  lambdaAiFunctionInVpc,
  lambdaAiFunctionConcurrency,
];
