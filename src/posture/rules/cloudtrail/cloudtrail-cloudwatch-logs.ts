import { fail, pass, type ResourceRule } from '../../rule.js';
import { isSet } from '../../values.js';

export const cloudtrailCloudwatchLogs: ResourceRule = {
  kind: 'resource',
  id: 'cloudtrail-cloudwatch-logs',
  title: 'CloudTrail trail delivers to CloudWatch Logs',
  severity: 'low',
  resourceTypes: ['AWS::CloudTrail::Trail'],
  controls: ['tdr-cloudwatch-alarms'],
  description:
    'The trail sets CloudWatchLogsLogGroupArn and CloudWatchLogsRoleArn, so metric filters and alarms can react within minutes to suspicious AI activity (guardrail deletion, model access changes, unusual InvokeModel callers) instead of waiting for S3 log analysis.',
  remediation: {
    text: 'Set CloudWatchLogsLogGroupArn and CloudWatchLogsRoleArn (a role CloudTrail can assume to write to the group).',
    cloudformation:
      'CloudWatchLogsLogGroupArn: !GetAtt TrailLogGroup.Arn\nCloudWatchLogsRoleArn: !GetAtt TrailToLogsRole.Arn',
    terraform:
      'cloud_watch_logs_group_arn = "${aws_cloudwatch_log_group.trail.arn}:*"\ncloud_watch_logs_role_arn  = aws_iam_role.trail_to_logs.arn',
  },
  equivalents: {
    checkov: ['CKV2_AWS_10'],
    cdkNag: ['NIST.800.53.R5-CloudTrailCloudWatchLogsEnabled', 'HIPAA.Security-CloudTrailCloudWatchLogsEnabled'],
    prowler: ['cloudtrail_cloudwatch_logging_enabled'],
    securityHub: ['CloudTrail.5'],
  },
  evaluate(t, ctx) {
    const group = isSet(ctx.value(t, ['CloudWatchLogsLogGroupArn']));
    const role = isSet(ctx.value(t, ['CloudWatchLogsRoleArn']));
    if (group && role) return pass(`Trail ${t.id} delivers to CloudWatch Logs.`);
    return fail(
      group
        ? `Trail ${t.id} names a log group but no CloudWatchLogsRoleArn, so delivery cannot work.`
        : `Trail ${t.id} does not deliver to CloudWatch Logs.`,
    );
  },
};
