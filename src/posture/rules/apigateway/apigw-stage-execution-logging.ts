import { pass, type ResourceRule } from '../../rule.js';
import { isIntrinsic } from '../../sources/intrinsics.js';
import { asArray } from '../../values.js';
import { settle } from '../deploy-values.js';

const obj = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

const LOGGING = new Set(['ERROR', 'INFO']);

export const apigwStageExecutionLogging: ResourceRule = {
  kind: 'resource',
  id: 'apigw-stage-execution-logging',
  title: 'REST API stage writes execution logs for every method',
  severity: 'low',
  resourceTypes: ['AWS::ApiGateway::Stage', 'AWS::Serverless::Api'],
  controls: ['tdr-forensic-readiness'],
  description:
    'A MethodSettings entry for ResourcePath /* and HttpMethod * sets LoggingLevel to ERROR or INFO, so authorizer denials, integration failures and throttling of calls to the AI API are recorded in CloudWatch Logs next to the access log. DataTraceEnabled is not required: it copies full prompts and completions into the log.',
  remediation: {
    text: 'Add a stage-wide MethodSettings entry with LoggingLevel ERROR (or INFO), and set the account CloudWatch role of API Gateway.',
    cloudformation: 'MethodSettings:\n  - ResourcePath: "/*"\n    HttpMethod: "*"\n    LoggingLevel: ERROR',
    terraform:
      'resource "aws_api_gateway_method_settings" "all" {\n  rest_api_id = aws_api_gateway_rest_api.this.id\n  stage_name  = aws_api_gateway_stage.this.stage_name\n  method_path = "*/*"\n  settings {\n    logging_level = "ERROR"\n  }\n}',
  },
  equivalents: {
    cdkNag: [
      'AwsSolutions-APIG6',
      'HIPAA.Security-APIGWExecutionLoggingEnabled',
      'NIST.800.53.R5-APIGWExecutionLoggingEnabled',
    ],
    securityHub: ['APIGateway.1'],
  },
  evaluate(stage, ctx) {
    const all = asArray(ctx.value(stage, ['MethodSettings']))
      .map(obj)
      .filter((s) => s.ResourcePath === '/*' && s.HttpMethod === '*');
    const logged = all.find((s) => typeof s.LoggingLevel === 'string' && LOGGING.has(s.LoggingLevel.toUpperCase()));
    if (logged) return pass(`Stage ${stage.id} logs the execution of every method at ${String(logged.LoggingLevel)}.`);
    const failure = all.length
      ? `Stage ${stage.id} sets stage-wide LoggingLevel ${String(all[0]!.LoggingLevel ?? 'OFF')}, so no execution logs are written.`
      : `Stage ${stage.id} has no stage-wide execution logging (MethodSettings for /* and * with LoggingLevel ERROR or INFO).`;
    // A level given by a parameter or condition is only known at deploy time.
    return settle(
      all.some((s) => isIntrinsic(s.LoggingLevel)) ? 'unknown' : 'fail',
      { fail: failure },
      {
        path: ['MethodSettings'],
      },
    );
  },
};
