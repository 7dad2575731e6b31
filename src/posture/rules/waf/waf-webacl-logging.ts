import { fail, pass, type ResourceRule } from '../../rule.js';
import { collectRefs } from '../../sources/intrinsics.js';

export const wafWebaclLogging: ResourceRule = {
  kind: 'resource',
  id: 'waf-webacl-logging',
  title: 'Web ACL logs the requests it inspects',
  severity: 'low',
  resourceTypes: ['AWS::WAFv2::WebACL'],
  controls: ['net-waf-on-ai-endpoints', 'tdr-forensic-readiness'],
  description:
    'An AWS::WAFv2::LoggingConfiguration in the same template names the web ACL, so blocked prompt floods, bot traffic and exploit attempts against AI endpoints can be investigated later.',
  remediation: {
    text: 'Declare an AWS::WAFv2::LoggingConfiguration for the web ACL delivering to a log group named aws-waf-logs-*, a Firehose stream or an S3 bucket.',
    cloudformation:
      'WafLogging:\n  Type: AWS::WAFv2::LoggingConfiguration\n  Properties:\n    ResourceArn: !GetAtt WebAcl.Arn\n    LogDestinationConfigs: [!GetAtt WafLogGroup.Arn]',
    terraform:
      'resource "aws_wafv2_web_acl_logging_configuration" "this" {\n  resource_arn            = aws_wafv2_web_acl.this.arn\n  log_destination_configs = [aws_cloudwatch_log_group.waf.arn]\n}',
  },
  equivalents: {
    checkov: ['CKV2_AWS_31'],
    cdkNag: ['NIST.800.53.R5-WAFv2LoggingEnabled', 'HIPAA.Security-WAFv2LoggingEnabled'],
    prowler: ['wafv2_webacl_logging_enabled'],
    securityHub: ['WAF.11'],
  },
  evaluate(acl, ctx) {
    const logging = ctx.graph
      .referencing(acl, 'AWS::WAFv2::LoggingConfiguration')
      .filter((l) => collectRefs(l.properties.ResourceArn).has(acl.id));
    return logging.length
      ? pass(`Web ACL ${acl.id} is logged by ${logging[0]!.id}.`)
      : fail(`Web ACL ${acl.id} has no logging configuration.`);
  },
};
