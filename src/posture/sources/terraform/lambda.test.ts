import { describe, expect, it } from 'vitest';
import { refTarget } from '../intrinsics.js';
import { resourcesOf } from './test-fixtures.js';

describe('Lambda mapping', () => {
  const data = resourcesOf('data.plan.json');

  it('maps a function: environment, key, VPC, tracing, reserved concurrency', () => {
    const f = data('aws_lambda_function.rotate');
    expect(f.type).toBe('AWS::Lambda::Function');
    expect(f.properties).toMatchObject({
      FunctionName: 'rotate-db',
      Runtime: 'python3.12',
      Environment: { Variables: { SECRET: 'kb/db' } },
      VpcConfig: { SubnetIds: ['subnet-0abc'], SecurityGroupIds: ['sg-0abc'] },
      TracingConfig: { Mode: 'PassThrough' },
      ReservedConcurrentExecutions: 5,
    });
    expect(f.properties).not.toHaveProperty('KmsKeyArn');
  });

  it('reads -1 reserved concurrency as "not reserved"', () => {
    const f = resourcesOf('bedrock.plan.json')('aws_lambda_function.orders');
    expect(f.properties).not.toHaveProperty('ReservedConcurrentExecutions');
  });

  it('maps a function URL and its auth type', () => {
    const u = data('aws_lambda_function_url.rotate');
    expect(u.type).toBe('AWS::Lambda::Url');
    expect(u.properties.AuthType).toBe('NONE');
    expect(refTarget(u.properties.TargetFunctionArn)).toBe('aws_lambda_function.rotate');
  });
});
