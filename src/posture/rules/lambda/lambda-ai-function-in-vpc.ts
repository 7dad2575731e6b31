import type { ResourceRule } from '../../rule.js';
import { isIntrinsic } from '../../sources/intrinsics.js';
import { decide, settle, valuesAt } from '../deploy-values.js';
import { aiFunctionReason, FUNCTION_TYPES } from './ai-functions.js';

/** Subnets given as a non-empty list, or as a parameter or import resolved at deploy time. */
const hasSubnets = (v: unknown) => (Array.isArray(v) ? v.length > 0 : isIntrinsic(v));

export const lambdaAiFunctionInVpc: ResourceRule = {
  kind: 'resource',
  id: 'lambda-ai-function-in-vpc',
  title: 'Lambda functions that call AI services run in a VPC',
  severity: 'medium',
  resourceTypes: FUNCTION_TYPES,
  controls: ['infra-lambda-in-vpc-concurrency', 'net-ai-compute-in-vpc'],
  description:
    'A function that is part of an AI workload (a Bedrock agent action group or AgentCore gateway target, or a function whose execution role may invoke Bedrock models or agents or SageMaker endpoints) sets VpcConfig with subnets, so its calls to the model and its data stores stay on private paths through VPC endpoints, under flow logs and security groups. Other functions are not judged: cdk-nag LambdaInsideVPC and cfn_nag W89 ask it of every function.',
  remediation: {
    text: 'Give the function a VpcConfig with private subnets and a security group, and reach Bedrock through an interface VPC endpoint.',
    cloudformation:
      'VpcConfig:\n  SubnetIds: [!Ref PrivateSubnetA, !Ref PrivateSubnetB]\n  SecurityGroupIds: [!Ref FunctionSecurityGroup]',
    terraform:
      'vpc_config {\n  subnet_ids         = [aws_subnet.private_a.id, aws_subnet.private_b.id]\n  security_group_ids = [aws_security_group.fn.id]\n}',
  },
  equivalents: {
    cdkNag: ['HIPAA.Security-LambdaInsideVPC', 'NIST.800.53.R5-LambdaInsideVPC'],
    cfnNag: ['W89'],
  },
  evaluate(fn, ctx) {
    const reason = aiFunctionReason(ctx, fn);
    if (!reason) return undefined;
    return settle(decide(valuesAt(ctx, fn, ['VpcConfig', 'SubnetIds']), hasSubnets), {
      pass: `Function ${fn.id} ${reason} and runs in a VPC.`,
      fail: `Function ${fn.id} ${reason} but runs outside any VPC (no VpcConfig subnets).`,
    });
  },
};
