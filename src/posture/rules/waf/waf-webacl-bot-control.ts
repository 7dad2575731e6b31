import { managedGroupRule } from './managed-group-rule.js';

export const wafWebaclBotControl = managedGroupRule({
  id: 'waf-webacl-bot-control',
  title: 'Web ACL uses AWS WAF Bot Control',
  severity: 'low',
  controls: ['net-waf-bot-control'],
  description:
    'The web ACL runs the AWS managed AWSManagedRulesBotControlRuleSet and does not override it to Count, so scrapers and automated clients that inflate model usage, skew metrics or harvest outputs are challenged or blocked.',
  remediation: {
    text: 'Add the AWSManagedRulesBotControlRuleSet managed rule group (COMMON or TARGETED inspection level).',
    cloudformation:
      'Rules:\n  - Name: bot-control\n    Priority: 1\n    OverrideAction: { None: {} }\n    Statement:\n      ManagedRuleGroupStatement:\n        VendorName: AWS\n        Name: AWSManagedRulesBotControlRuleSet\n        ManagedRuleGroupConfigs:\n          - AWSManagedRulesBotControlRuleSet: { InspectionLevel: COMMON }\n    VisibilityConfig: { SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: bot-control }',
    terraform:
      'rule {\n  name     = "bot-control"\n  priority = 1\n  override_action { none {} }\n  statement {\n    managed_rule_group_statement {\n      vendor_name = "AWS"\n      name        = "AWSManagedRulesBotControlRuleSet"\n    }\n  }\n  visibility_config { /* ... */ }\n}',
  },
  equivalents: {},
  groups: ['AWSManagedRulesBotControlRuleSet'],
  missing: 'bots and scrapers',
});
