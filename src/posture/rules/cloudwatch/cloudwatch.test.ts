import { describe, expect, it } from 'vitest';
import { bundledCatalog } from '../../../catalog/catalog.js';
import { runRules, verdicts } from '../../test-helpers.js';
import { cloudwatchAiAlarms } from './cloudwatch-ai-alarms.js';
import { cloudwatchAlarmActions } from './cloudwatch-alarm-actions.js';
import { cloudwatchRules } from './index.js';

const tpl = (resources: string) => `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n${resources}`;
const alarm = (id: string, body: string) => `  ${id}:
    Type: AWS::CloudWatch::Alarm
    Properties:
      MetricName: m
      Statistic: Sum
      Period: 60
      EvaluationPeriods: 1
      Threshold: 1
      ComparisonOperator: GreaterThanThreshold
${body}`;

describe('cloudwatch rule metadata', () => {
  it('names only catalog controls', () => {
    const known = new Set(bundledCatalog().controls.map((c) => c.id));
    for (const r of cloudwatchRules) for (const c of r.controls) expect(known).toContain(c);
  });
});

describe('cloudwatch-ai-alarms', () => {
  const endpoints = `  Watched:
    Type: AWS::SageMaker::Endpoint
    Properties: { EndpointConfigName: c }
  Named:
    Type: AWS::SageMaker::Endpoint
    Properties: { EndpointConfigName: c, EndpointName: fraud-model }
  Unwatched:
    Type: AWS::SageMaker::Endpoint
    Properties: { EndpointConfigName: c }
`;
  it('checks each endpoint by reference or literal name', () => {
    const t = tpl(
      endpoints +
        alarm(
          'ByRef',
          '      Namespace: AWS/SageMaker\n      Dimensions: [{ Name: EndpointName, Value: !GetAtt Watched.EndpointName }]\n',
        ) +
        alarm(
          'ByName',
          '      Namespace: AWS/SageMaker\n      Dimensions: [{ Name: EndpointName, Value: fraud-model }]\n',
        ),
    );
    expect(verdicts(t, cloudwatchAiAlarms)).toEqual(['pass Watched', 'pass Named', 'fail Unwatched']);
  });
  it('needs an AWS/Bedrock alarm when Bedrock is used, metric math included', () => {
    const agent =
      '  Caller:\n    Type: AWS::IAM::ManagedPolicy\n    Properties: { PolicyDocument: { Statement: [{ Effect: Allow, Action: bedrock:InvokeModel, Resource: "*" }] } }\n' +
      '  Agent:\n    Type: AWS::Bedrock::Agent\n    Properties: { AgentName: a }\n';
    expect(verdicts(tpl(agent + alarm('Other', '      Namespace: AWS/Lambda\n')), cloudwatchAiAlarms)).toEqual([
      'fail Agent',
    ]);
    const math = alarm(
      'Throttles',
      '      Metrics:\n        - Id: t\n          MetricStat: { Stat: Sum, Period: 60, Metric: { Namespace: AWS/Bedrock, MetricName: InvocationThrottles } }\n',
    );
    const f = runRules(tpl(agent + math), [cloudwatchAiAlarms]);
    expect(f.map((x) => `${x.status} ${x.resource.id}`)).toEqual(['pass Agent']);
    expect(f[0]!.message).toContain('Throttles');
  });
  it('is silent without AI serving resources', () =>
    expect(verdicts(tpl(alarm('A', '      Namespace: AWS/EC2\n')), cloudwatchAiAlarms)).toEqual([]));
});

describe('cloudwatch-alarm-actions', () => {
  const t = tpl(
    alarm('Acting', '      Namespace: AWS/Bedrock\n      AlarmActions: [!Ref Topic]\n') +
      alarm(
        'Muted',
        '      Namespace: AWS/Bedrock\n      AlarmActions: [!Ref Topic]\n      ActionsEnabled: "false"\n',
      ) +
      alarm('Silent', '      Namespace: AWS/Bedrock\n      OKActions: [!Ref Topic]\n'),
  );
  it('requires alarm actions that are enabled', () =>
    expect(verdicts(t, cloudwatchAlarmActions)).toEqual(['pass Acting', 'fail Muted', 'fail Silent']));
});
