import type { Resource } from '../../graph.js';
import type { GraphRule, Verdict } from '../../rule.js';
import { collectRefs } from '../../sources/intrinsics.js';
import { asArray } from '../../values.js';
import { aiFootprint, idList } from '../ai-footprint.js';
import { AI_RESOURCE_TYPES } from '../ec2/ai-resource-types.js';
import { IDENTITY_POLICY_TYPES } from '../identity-policies.js';

const obj = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/** Namespaces an alarm watches: its own metric and those of metric-math queries. */
function namespaces(alarm: Resource): string[] {
  const own = typeof alarm.properties.Namespace === 'string' ? [alarm.properties.Namespace] : [];
  const math = asArray(alarm.properties.Metrics).map((m) => obj(obj(obj(m).MetricStat).Metric).Namespace);
  return [...own, ...math].filter((n): n is string => typeof n === 'string');
}

/** Dimension values of an alarm, literal ones only (for endpoints named in plain text). */
function literalDimensions(alarm: Resource): string[] {
  const own = asArray(alarm.properties.Dimensions);
  const math = asArray(alarm.properties.Metrics).flatMap((m) => asArray(obj(obj(obj(m).MetricStat).Metric).Dimensions));
  return [...own, ...math].map((d) => obj(d).Value).filter((v): v is string => typeof v === 'string');
}

export const cloudwatchAiAlarms: GraphRule = {
  kind: 'graph',
  id: 'cloudwatch-ai-alarms',
  title: 'AI endpoints and model use are watched by CloudWatch alarms',
  severity: 'low',
  resourceTypes: ['AWS::CloudWatch::Alarm', ...AI_RESOURCE_TYPES, ...IDENTITY_POLICY_TYPES],
  reads: { 'AWS::CloudWatch::Alarm': '*', 'AWS::SageMaker::Endpoint': ['EndpointName'] },
  controls: ['tdr-cloudwatch-alarms'],
  description:
    'Each SageMaker endpoint has a CloudWatch alarm on it (an alarm whose dimensions reference the endpoint, or name it), and a scan that uses Bedrock has at least one alarm on an AWS/Bedrock metric (invocation errors, throttles, token counts), so outages, abuse and runaway spend are noticed. Alarms in any scanned template count.',
  remediation: {
    text: 'Alarm on endpoint errors and latency (AWS/SageMaker Invocation5XXErrors, ModelLatency) and on Bedrock InvocationThrottles, InvocationClientErrors or token counts.',
    cloudformation:
      'EndpointErrors:\n  Type: AWS::CloudWatch::Alarm\n  Properties:\n    Namespace: AWS/SageMaker\n    MetricName: Invocation5XXErrors\n    Dimensions:\n      - { Name: EndpointName, Value: !GetAtt Endpoint.EndpointName }\n      - { Name: VariantName, Value: AllTraffic }\n    Statistic: Sum\n    Period: 300\n    EvaluationPeriods: 1\n    Threshold: 5\n    ComparisonOperator: GreaterThanOrEqualToThreshold\n    AlarmActions: [!Ref OnCallTopic]',
    terraform:
      'resource "aws_cloudwatch_metric_alarm" "bedrock_throttles" {\n  namespace           = "AWS/Bedrock"\n  metric_name         = "InvocationThrottles"\n  statistic           = "Sum"\n  period              = 300\n  evaluation_periods  = 1\n  threshold           = 10\n  comparison_operator = "GreaterThanOrEqualToThreshold"\n  alarm_actions       = [aws_sns_topic.on_call.arn]\n}',
  },
  equivalents: {},
  evaluateGraph(ctx) {
    const alarms = ctx.graph.ofType('AWS::CloudWatch::Alarm');
    // Index what alarms point at once (refs per template, literal dimension values), so each endpoint is O(1).
    const referenced = new Set<string>();
    const literals = new Set<string>();
    for (const a of alarms) {
      for (const id of collectRefs(a.properties)) referenced.add(`${ctx.graph.templateFile(a)}\u0000${id}`);
      for (const v of literalDimensions(a)) literals.add(v);
    }
    const out: (Verdict & { resource: Resource })[] = [];
    for (const ep of ctx.graph.ofType('AWS::SageMaker::Endpoint')) {
      const name = ctx.value(ep, ['EndpointName']);
      const watched =
        referenced.has(`${ctx.graph.templateFile(ep)}\u0000${ep.id}`) ||
        (typeof name === 'string' && literals.has(name));
      out.push(
        watched
          ? { status: 'pass', message: `Endpoint ${ep.id} has a CloudWatch alarm.`, resource: ep }
          : { status: 'fail', message: `Endpoint ${ep.id} has no CloudWatch alarm on its metrics.`, resource: ep },
      );
    }
    const bedrock = aiFootprint(ctx.graph).bedrockRuntime;
    if (bedrock.length) {
      // Anchor the verdict on a Bedrock resource rather than on a role that merely may call Bedrock.
      const anchor = bedrock.find((r) => r.type.startsWith('AWS::Bedrock')) ?? bedrock[0]!;
      const onBedrock = alarms.find((a) => namespaces(a).some((n) => n.startsWith('AWS/Bedrock')));
      out.push(
        onBedrock
          ? { status: 'pass', message: `Bedrock use is watched by alarm ${onBedrock.id}.`, resource: anchor }
          : {
              status: 'fail',
              message: `Bedrock is used (${idList(bedrock)}) but no alarm watches an AWS/Bedrock metric.`,
              resource: anchor,
            },
      );
    }
    return out;
  },
};
