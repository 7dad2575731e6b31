import type { Resource } from '../../graph.js';
import type { GraphRule, RuleContext, Verdict } from '../../rule.js';
import { refTarget } from '../../sources/intrinsics.js';
import { asArray } from '../../values.js';

const FINDING_SOURCES = ['aws.guardduty', 'aws.securityhub'];

const RESPONDER_TYPES = new Set([
  'AWS::Lambda::Function',
  'AWS::Serverless::Function',
  'AWS::StepFunctions::StateMachine',
  'AWS::Serverless::StateMachine',
]);

/** The rule's event pattern as an object (CloudFormation accepts it as JSON text too). */
function eventPattern(rule: Resource): Record<string, unknown> {
  let p = rule.properties.EventPattern;
  if (typeof p === 'string') {
    try {
      p = JSON.parse(p);
    } catch {
      return {};
    }
  }
  return p && typeof p === 'object' && !Array.isArray(p) ? (p as Record<string, unknown>) : {};
}

/** Finding sources the rule matches: plain values or `{ prefix }` matchers. */
function findingSources(rule: Resource): string[] {
  return asArray(eventPattern(rule).source).flatMap((s) => {
    const v = typeof s === 'string' ? s : (s as { prefix?: unknown } | undefined)?.prefix;
    return typeof v === 'string' && FINDING_SOURCES.some((f) => f.startsWith(v) && v.length >= 4) ? [v] : [];
  });
}

/** ARN text of a target, `Fn::Sub` templates included. */
function arnText(arn: unknown): string {
  if (typeof arn === 'string') return arn;
  const sub = arn && typeof arn === 'object' ? (arn as { 'Fn::Sub'?: unknown })['Fn::Sub'] : undefined;
  const tpl = Array.isArray(sub) ? sub[0] : sub;
  return typeof tpl === 'string' ? tpl : '';
}

/** A target that acts (a function, a state machine, an SSM automation or Run Command), not one that only notifies. */
function isResponder(ctx: RuleContext, rule: Resource, target: Record<string, unknown>): boolean {
  if (target.RunCommandParameters || target.EcsParameters) return true;
  const id = refTarget(target.Arn);
  const res = id ? ctx.graph.get(rule, id) : undefined;
  if (res && RESPONDER_TYPES.has(res.type)) return true;
  return /:(lambda|states):|:ssm:.*automation-definition\//.test(arnText(target.Arn));
}

export const eventsFindingsAutomatedResponse: GraphRule = {
  kind: 'graph',
  id: 'events-findings-automated-response',
  title: 'GuardDuty and Security Hub findings trigger an automated response',
  severity: 'medium',
  resourceTypes: ['AWS::Events::Rule', ...RESPONDER_TYPES, 'AWS::GuardDuty::Detector', 'AWS::SecurityHub::Hub'],
  // Responders and finding sources are recognised by type.
  reads: { 'AWS::Events::Rule': '*' },
  controls: ['tdr-automated-response', 'tdr-incident-response-playbooks'],
  description:
    'An enabled EventBridge rule matches findings (EventPattern source aws.guardduty or aws.securityhub) and targets a responder: a Lambda function, a Step Functions state machine, an SSM Automation or Run Command, or an ECS task, so a compromised notebook role or an exfiltrating model host is contained in minutes. A rule that only notifies (SNS, SQS, logs) fails. When no template routes findings, the control is reported as not evidenced here: response automation often lives in a security account.',
  remediation: {
    text: 'Add an EventBridge rule for GuardDuty/Security Hub findings that invokes a containment function or state machine.',
    cloudformation:
      'FindingsToResponder:\n  Type: AWS::Events::Rule\n  Properties:\n    EventPattern:\n      source: [aws.guardduty]\n      detail-type: [GuardDuty Finding]\n      detail: { severity: [{ numeric: [">=", 7] }] }\n    Targets:\n      - Id: contain\n        Arn: !GetAtt ContainmentFunction.Arn',
    terraform:
      'resource "aws_cloudwatch_event_rule" "findings" {\n  event_pattern = jsonencode({ source = ["aws.guardduty"], "detail-type" = ["GuardDuty Finding"] })\n}\nresource "aws_cloudwatch_event_target" "contain" {\n  rule = aws_cloudwatch_event_rule.findings.name\n  arn  = aws_lambda_function.contain.arn\n}',
  },
  equivalents: {},
  evaluateGraph(ctx) {
    const rules = ctx.graph.ofType('AWS::Events::Rule').filter((r) => findingSources(r).length > 0);
    if (rules.length === 0) {
      const services = ctx.graph.ofType('AWS::GuardDuty::Detector', 'AWS::SecurityHub::Hub');
      return [
        {
          status: 'skip',
          message: `Automated response to findings is not evidenced here: no EventBridge rule in the scanned templates matches aws.guardduty or aws.securityhub${services.length ? `, although ${services.map((s) => s.id).join(', ')} produce findings` : ''}. Confirm a response playbook is wired elsewhere (controls: tdr-automated-response, tdr-incident-response-playbooks).`,
        },
      ];
    }
    return rules.map((rule): Verdict & { resource: Resource } => {
      const sources = findingSources(rule).join(', ');
      if (ctx.value(rule, ['State']) === 'DISABLED')
        return {
          status: 'fail',
          message: `Rule ${rule.id} for ${sources} findings is disabled.`,
          resource: rule,
          path: ['State'],
        };
      const targets = asArray(rule.properties.Targets).filter(
        (t): t is Record<string, unknown> => !!t && typeof t === 'object',
      );
      return targets.some((t) => isResponder(ctx, rule, t))
        ? {
            status: 'pass',
            message: `Rule ${rule.id} sends ${sources} findings to an automated responder.`,
            resource: rule,
          }
        : {
            status: 'fail',
            message: `Rule ${rule.id} routes ${sources} findings only to notification targets: nothing contains the threat.`,
            resource: rule,
            path: ['Targets'],
          };
    });
  },
};
