import { fail, pass, type ResourceRule } from '../../rule.js';
import { asArray, asBool } from '../../values.js';

export const cloudwatchAlarmActions: ResourceRule = {
  kind: 'resource',
  id: 'cloudwatch-alarm-actions',
  title: 'CloudWatch alarms notify or act when they fire',
  severity: 'low',
  resourceTypes: ['AWS::CloudWatch::Alarm', 'AWS::CloudWatch::CompositeAlarm'],
  controls: ['tdr-cloudwatch-alarms'],
  description:
    'The alarm has at least one AlarmActions target and does not set ActionsEnabled: false, so a spike in model errors, throttles or token usage reaches someone (or an automation) instead of only changing state on a dashboard.',
  remediation: {
    text: 'Add an SNS topic (or an automation) to AlarmActions and keep actions enabled.',
    cloudformation: 'AlarmActions: [!Ref OnCallTopic]',
    terraform: 'alarm_actions = [aws_sns_topic.on_call.arn]',
  },
  equivalents: {
    cdkNag: ['NIST.800.53.R5-CloudWatchAlarmAction'],
    prowler: ['cloudwatch_alarm_actions_enabled', 'cloudwatch_alarm_actions_alarm_state_configured'],
  },
  evaluate(alarm, ctx) {
    if (asBool(ctx.value(alarm, ['ActionsEnabled'])) === false)
      return fail(`Alarm ${alarm.id} has its actions disabled.`, { path: ['ActionsEnabled'] });
    return asArray(alarm.properties.AlarmActions).length
      ? pass(`Alarm ${alarm.id} has alarm actions.`)
      : fail(`Alarm ${alarm.id} has no AlarmActions: nobody is told when it fires.`);
  },
};
