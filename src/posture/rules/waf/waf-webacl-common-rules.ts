import { managedGroupRule } from './managed-group-rule.js';

export const wafWebaclCommonRules = managedGroupRule({
  id: 'waf-webacl-common-rules',
  title: 'Web ACL uses the AWS managed common rule set',
  severity: 'medium',
  controls: ['net-waf-managed-rules'],
  description:
    'The web ACL runs the AWS managed AWSManagedRulesCommonRuleSet (the core rule set) without overriding it to Count, so common web exploits against the AI application, such as oversized bodies, path traversal and XSS, are blocked before they reach it.',
  remediation: {
    text: 'Add the AWSManagedRulesCommonRuleSet managed rule group with OverrideAction None.',
    cloudformation:
      'Rules:\n  - Name: common\n    Priority: 2\n    OverrideAction: { None: {} }\n    Statement:\n      ManagedRuleGroupStatement: { VendorName: AWS, Name: AWSManagedRulesCommonRuleSet }\n    VisibilityConfig: { SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: common }',
    terraform:
      'rule {\n  name     = "common"\n  priority = 2\n  override_action { none {} }\n  statement {\n    managed_rule_group_statement {\n      vendor_name = "AWS"\n      name        = "AWSManagedRulesCommonRuleSet"\n    }\n  }\n  visibility_config { /* ... */ }\n}',
  },
  equivalents: {},
  groups: ['AWSManagedRulesCommonRuleSet'],
  missing: 'common web exploits',
});
