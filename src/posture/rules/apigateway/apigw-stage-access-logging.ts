import { fail, pass, type ResourceRule } from '../../rule.js';
import { isSet } from '../../values.js';

export const apigwStageAccessLogging: ResourceRule = {
  kind: 'resource',
  id: 'apigw-stage-access-logging',
  title: 'REST API stage writes access logs',
  severity: 'medium',
  resourceTypes: ['AWS::ApiGateway::Stage', 'AWS::Serverless::Api'],
  controls: ['tdr-usage-anomaly-per-caller', 'tdr-forensic-readiness'],
  description:
    'The stage (or SAM API) sets AccessLogSetting.DestinationArn, so every call to the AI API is recorded with caller identity, source IP and status: the basis for per-caller usage baselines and for investigating model abuse.',
  remediation: {
    text: 'Set AccessLogSetting with a CloudWatch Logs (or Firehose) destination and a JSON format including requestId, sourceIp, caller and status.',
    cloudformation:
      'AccessLogSetting:\n  DestinationArn: !GetAtt ApiAccessLogs.Arn\n  Format: \'{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","caller":"$context.identity.caller","status":"$context.status"}\'',
    terraform:
      'access_log_settings {\n  destination_arn = aws_cloudwatch_log_group.api.arn\n  format          = jsonencode({ requestId = "$context.requestId", ip = "$context.identity.sourceIp", status = "$context.status" })\n}',
  },
  equivalents: { checkov: ['CKV_AWS_76'], cdkNag: ['AwsSolutions-APIG1'], cfnNag: ['W69'] },
  evaluate(stage, ctx) {
    return isSet(ctx.value(stage, ['AccessLogSetting', 'DestinationArn']))
      ? pass(`${stage.id} writes access logs.`)
      : fail(`${stage.id} has no access log destination.`, { path: ['AccessLogSetting'] });
  },
};
