import type { ResourceRule } from '../../rule.js';
import { isIntrinsic } from '../../sources/intrinsics.js';
import { decide, settle, valuesAt } from '../deploy-values.js';

const authenticated = (v: unknown): boolean | undefined =>
  typeof v === 'string' ? v !== 'NONE' : v !== undefined && isIntrinsic(v) ? undefined : false;

export const lambdaUrlAuth: ResourceRule = {
  kind: 'resource',
  id: 'lambda-url-auth',
  title: 'Lambda function URL requires IAM authentication',
  severity: 'high',
  resourceTypes: ['AWS::Lambda::Url', 'AWS::Serverless::Function'],
  controls: ['app-api-authorization'],
  description:
    'A function URL uses AuthType AWS_IAM rather than NONE, so an AI endpoint exposed this way (a chat backend, an agent action, a streaming model proxy) cannot be invoked, and run up model spend, by anyone who finds the URL. SAM functions are checked through FunctionUrlConfig; SAM functions without a URL are not evaluated.',
  remediation: {
    text: 'Set AuthType: AWS_IAM (sign requests with SigV4, or put API Gateway with an authorizer in front).',
    cloudformation: 'AuthType: AWS_IAM',
    terraform: 'authorization_type = "AWS_IAM"',
  },
  equivalents: {
    checkov: ['CKV_AWS_258'],
    prowler: ['awslambda_function_url_public'],
  },
  evaluate(r, ctx) {
    const path = r.type === 'AWS::Serverless::Function' ? ['FunctionUrlConfig', 'AuthType'] : ['AuthType'];
    if (r.type === 'AWS::Serverless::Function' && r.properties.FunctionUrlConfig === undefined) return undefined;
    return settle(
      decide(valuesAt(ctx, r, path), authenticated),
      {
        pass: `Function URL of ${r.id} requires IAM authentication.`,
        fail: `Function URL of ${r.id} has AuthType NONE: anyone with the URL can invoke it.`,
      },
      { path },
    );
  },
};
