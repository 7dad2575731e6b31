import { clean, one, shaped, tagList } from './convert.js';
import type { TfMapping } from './mapping.js';
import { refIntrinsic } from './substitute.js';

export const lambdaMappings: TfMapping[] = [
  {
    tf: 'aws_lambda_function',
    cfn: 'AWS::Lambda::Function',
    props: (r) =>
      shaped(r.values, {
        FunctionName: 'function_name',
        Role: 'role',
        Runtime: 'runtime',
        Handler: 'handler',
        MemorySize: 'memory_size',
        Timeout: 'timeout',
        KmsKeyArn: 'kms_key_arn',
        PackageType: 'package_type',
        Architectures: 'architectures',
        Layers: 'layers',
        CodeSigningConfigArn: 'code_signing_config_arn',
        // -1 is Terraform's "no reserved concurrency", which CloudFormation spells by leaving it out.
        ReservedConcurrentExecutions: (s) =>
          s.reserved_concurrent_executions === -1 ? undefined : clean(s.reserved_concurrent_executions),
        Environment: one('environment', { Variables: 'variables' }),
        VpcConfig: one('vpc_config', {
          SubnetIds: 'subnet_ids',
          SecurityGroupIds: 'security_group_ids',
          Ipv6AllowedForDualStack: 'ipv6_allowed_for_dual_stack',
        }),
        TracingConfig: one('tracing_config', { Mode: 'mode' }),
        DeadLetterConfig: one('dead_letter_config', { TargetArn: 'target_arn' }),
        Code: (s) =>
          clean(
            shaped(s, {
              ImageUri: 'image_uri',
              S3Bucket: 's3_bucket',
              S3Key: 's3_key',
              S3ObjectVersion: 's3_object_version',
            }),
          ),
        Tags: () => tagList(r.values),
      }),
  },
  {
    tf: 'aws_lambda_function_url',
    cfn: 'AWS::Lambda::Url',
    props: (r, plan) => {
      const fn = plan.link(r, 'function_name', ['aws_lambda_function'], ['function_name', 'arn', 'id']);
      return shaped(r.values, {
        TargetFunctionArn: (s) => (fn ? refIntrinsic({ address: fn.address, attr: 'arn' }) : clean(s.function_name)),
        AuthType: 'authorization_type',
        InvokeMode: 'invoke_mode',
        Qualifier: 'qualifier',
        Cors: one('cors', {
          AllowCredentials: 'allow_credentials',
          AllowOrigins: 'allow_origins',
          AllowMethods: 'allow_methods',
          AllowHeaders: 'allow_headers',
          ExposeHeaders: 'expose_headers',
          MaxAge: 'max_age',
        }),
      });
    },
  },
];
