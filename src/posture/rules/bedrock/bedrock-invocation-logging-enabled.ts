import type { GraphRule } from '../../rule.js';
import { asBool } from '../../values.js';
import { field } from './fields.js';
import {
  BEDROCK_TYPES,
  destinations,
  ENABLE_HINT,
  invocationLoggingDeclarations,
  LOGGING_DECLARATION_TYPES,
  usesBedrock,
} from './invocation-logging.js';

export const bedrockInvocationLoggingEnabled: GraphRule = {
  kind: 'graph',
  id: 'bedrock-invocation-logging-enabled',
  title: 'Amazon Bedrock model invocation logging is turned on',
  severity: 'medium',
  // Bedrock resources are only counted: the rule speaks only about workloads that use Bedrock.
  resourceTypes: [...LOGGING_DECLARATION_TYPES, ...BEDROCK_TYPES],
  reads: Object.fromEntries(LOGGING_DECLARATION_TYPES.map((t) => [t, '*'])),
  controls: ['tdr-bedrock-invocation-logging', 'tdr-usage-anomaly-per-caller'],
  description:
    'Model invocation logging records every prompt, response and caller, the evidence needed to investigate prompt injection, data leakage and model abuse. It is an account-level setting with no CloudFormation resource: when the scanned templates contain Bedrock resources, Steward looks for a Terraform aws_bedrock_model_invocation_logging_configuration or a custom resource that calls PutModelInvocationLoggingConfiguration (or has a LoggingConfig property), checks that it names a destination and does not turn off text delivery, and otherwise reports the control as not evidenced here.',
  remediation: {
    text: 'Enable model invocation logging in every Region the workload uses (PutModelInvocationLoggingConfiguration), to an encrypted S3 bucket or CloudWatch log group.',
    cloudformation:
      'InvocationLogging:\n  Type: Custom::AWS   # CDK AwsCustomResource, or your own Lambda-backed resource\n  Properties:\n    Create: !Sub \'{"service":"Bedrock","action":"putModelInvocationLoggingConfiguration","parameters":{"loggingConfig":{"textDataDeliveryEnabled":true,"cloudWatchConfig":{"logGroupName":"${InvocationLogs}","roleArn":"${InvocationLogsRole.Arn}"}}}}\'',
    terraform:
      'resource "aws_bedrock_model_invocation_logging_configuration" "this" {\n  logging_config {\n    text_data_delivery_enabled = true\n    cloudwatch_config {\n      log_group_name = aws_cloudwatch_log_group.invocations.name\n      role_arn       = aws_iam_role.invocation_logs.arn\n    }\n  }\n}',
  },
  equivalents: { prowler: ['bedrock_model_invocation_logging_enabled'] },
  evaluateGraph(ctx) {
    const declared = invocationLoggingDeclarations(ctx.graph);
    if (declared.length === 0) {
      if (!usesBedrock(ctx.graph)) return [];
      return [
        {
          status: 'skip',
          message: `Bedrock model invocation logging is not evidenced here. ${ENABLE_HINT} (controls: tdr-bedrock-invocation-logging, tdr-invocation-log-encrypted).`,
        },
      ];
    }
    return declared.map(({ resource, config }) => {
      if (!config)
        return {
          status: 'pass' as const,
          message: `${resource.id} turns on model invocation logging (its settings are built at deploy time and were not read).`,
          resource,
        };
      if (destinations(config).length === 0)
        return {
          status: 'fail' as const,
          message: `${resource.id} configures invocation logging without an S3 or CloudWatch destination.`,
          resource,
        };
      if (asBool(field(config, 'textDataDeliveryEnabled')) === false)
        return {
          status: 'fail' as const,
          message: `${resource.id} turns off text data delivery, so prompts and responses are not logged.`,
          resource,
        };
      return { status: 'pass' as const, message: `${resource.id} logs model invocations.`, resource };
    });
  },
};
