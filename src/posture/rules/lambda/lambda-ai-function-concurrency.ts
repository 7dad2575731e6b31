import type { ResourceRule } from '../../rule.js';
import { isIntrinsic } from '../../sources/intrinsics.js';
import { decide, settle, valuesAt } from '../deploy-values.js';
import { aiFunctionReason, FUNCTION_TYPES } from './ai-functions.js';

/** A reserved concurrency given as a number (0 switches the function off), or resolved at deploy time. */
const isReserved = (v: unknown) =>
  typeof v === 'number' || (typeof v === 'string' && /^\d+$/.test(v.trim())) || isIntrinsic(v);

export const lambdaAiFunctionConcurrency: ResourceRule = {
  kind: 'resource',
  id: 'lambda-ai-function-concurrency',
  title: 'Lambda functions that call AI services have reserved concurrency',
  severity: 'low',
  resourceTypes: FUNCTION_TYPES,
  controls: ['infra-lambda-in-vpc-concurrency', 'app-rate-limits-token-budgets'],
  description:
    "A function that is part of an AI workload (a Bedrock agent action group or AgentCore gateway target, or a function whose execution role may invoke Bedrock models or agents or SageMaker endpoints) sets ReservedConcurrentExecutions, so a flood of requests or a looping agent cannot multiply into unbounded model spend or starve the account's other functions. Other functions are not judged: cdk-nag LambdaConcurrency and cfn_nag W92 ask it of every function.",
  remediation: {
    text: 'Set ReservedConcurrentExecutions to the most parallel calls the workload should ever make.',
    cloudformation: 'ReservedConcurrentExecutions: 20',
    terraform: 'reserved_concurrent_executions = 20',
  },
  equivalents: {
    cdkNag: ['HIPAA.Security-LambdaConcurrency', 'NIST.800.53.R5-LambdaConcurrency'],
    cfnNag: ['W92'],
  },
  evaluate(fn, ctx) {
    const reason = aiFunctionReason(ctx, fn);
    if (!reason) return undefined;
    return settle(decide(valuesAt(ctx, fn, ['ReservedConcurrentExecutions']), isReserved), {
      pass: `Function ${fn.id} ${reason} and has reserved concurrency.`,
      fail: `Function ${fn.id} ${reason} but sets no ReservedConcurrentExecutions, so its parallel model calls are unbounded.`,
    });
  },
};
