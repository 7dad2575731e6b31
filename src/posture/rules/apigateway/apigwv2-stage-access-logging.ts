import { fail, pass, type ResourceRule } from '../../rule.js';
import { isSet } from '../../values.js';

export const apigwv2StageAccessLogging: ResourceRule = {
  kind: 'resource',
  id: 'apigwv2-stage-access-logging',
  title: 'HTTP and WebSocket API stage writes access logs',
  severity: 'medium',
  resourceTypes: ['AWS::ApiGatewayV2::Stage', 'AWS::Serverless::HttpApi'],
  controls: ['tdr-usage-anomaly-per-caller', 'tdr-forensic-readiness'],
  description:
    'The stage (or SAM HTTP API) sets AccessLogSettings.DestinationArn, so each request to the AI API is recorded with caller, route and status for usage baselines and investigations.',
  remediation: {
    text: 'Set AccessLogSettings with a CloudWatch Logs destination and a JSON format.',
    cloudformation:
      'AccessLogSettings:\n  DestinationArn: !GetAtt ApiAccessLogs.Arn\n  Format: \'{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","routeKey":"$context.routeKey","status":"$context.status"}\'',
    terraform:
      'access_log_settings {\n  destination_arn = aws_cloudwatch_log_group.api.arn\n  format          = jsonencode({ requestId = "$context.requestId", routeKey = "$context.routeKey", status = "$context.status" })\n}',
  },
  equivalents: {
    checkov: ['CKV_AWS_95'],
    cdkNag: ['AwsSolutions-APIG1'],
    cfnNag: ['W46'],
    prowler: ['apigatewayv2_api_access_logging_enabled'],
    securityHub: ['APIGateway.9'],
  },
  evaluate(stage, ctx) {
    return isSet(ctx.value(stage, ['AccessLogSettings', 'DestinationArn']))
      ? pass(`${stage.id} writes access logs.`)
      : fail(`${stage.id} has no access log destination.`, { path: ['AccessLogSettings'] });
  },
};
