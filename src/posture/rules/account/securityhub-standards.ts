import type { GraphRule } from '../../rule.js';
import { asBool } from '../../values.js';

export const securityHubStandards: GraphRule = {
  kind: 'graph',
  id: 'securityhub-standards-enabled',
  title: 'Security Hub runs security standards',
  severity: 'medium',
  resourceTypes: ['AWS::SecurityHub::Hub', 'AWS::SecurityHub::Standard'],
  controls: ['tdr-security-hub-standards'],
  description:
    'When the scan enables Security Hub, standards run against the account: an AWS::SecurityHub::Standard is declared, or the hub keeps EnableDefaultStandards at its default (true), which turns on the AWS Foundational Security Best Practices and CIS standards. A hub declared with EnableDefaultStandards: false and no Standard only aggregates findings and checks nothing. With neither in the scan the control is reported as not evidenced here.',
  remediation: {
    text: 'Declare AWS::SecurityHub::Standard for the standards you follow (AWS Foundational Security Best Practices at least), or leave EnableDefaultStandards on.',
    cloudformation:
      'Fsbp:\n  Type: AWS::SecurityHub::Standard\n  DependsOn: Hub\n  Properties:\n    StandardsArn: !Sub arn:${AWS::Partition}:securityhub:${AWS::Region}::standards/aws-foundational-security-best-practices/v/1.0.0',
    terraform:
      'resource "aws_securityhub_standards_subscription" "fsbp" {\n  standards_arn = "arn:aws:securityhub:${var.region}::standards/aws-foundational-security-best-practices/v/1.0.0"\n  depends_on    = [aws_securityhub_account.this]\n}',
  },
  equivalents: {},
  evaluateGraph(ctx) {
    const standards = ctx.graph.ofType('AWS::SecurityHub::Standard');
    if (standards.length)
      return standards.map((s) => ({ status: 'pass' as const, message: `Standard ${s.id} is enabled.`, resource: s }));
    const hubs = ctx.graph.ofType('AWS::SecurityHub::Hub');
    if (hubs.length === 0)
      return [
        {
          status: 'skip',
          message:
            'Security Hub standards are not evidenced here: no AWS::SecurityHub::Hub or AWS::SecurityHub::Standard in the scanned templates. Confirm standards are enabled account-wide (control: tdr-security-hub-standards).',
        },
      ];
    return hubs.map((h) =>
      asBool(ctx.value(h, ['EnableDefaultStandards'])) === false
        ? {
            status: 'fail' as const,
            message: `Hub ${h.id} turns default standards off and no AWS::SecurityHub::Standard is declared.`,
            resource: h,
            path: ['EnableDefaultStandards'],
          }
        : { status: 'pass' as const, message: `Hub ${h.id} enables the default standards.`, resource: h },
    );
  },
};
