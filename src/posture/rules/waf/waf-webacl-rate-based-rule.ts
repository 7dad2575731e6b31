import { fail, pass, type ResourceRule } from '../../rule.js';
import { actionCountsOnly, ruleName, webAclRules } from './web-acl.js';

export const wafWebaclRateBasedRule: ResourceRule = {
  kind: 'resource',
  id: 'waf-webacl-rate-based-rule',
  title: 'Web ACL limits request rates with a blocking rate-based rule',
  severity: 'medium',
  resourceTypes: ['AWS::WAFv2::WebACL'],
  controls: ['net-waf-rate-based-rule', 'app-rate-limits-token-budgets'],
  description:
    'The web ACL (or a rule group it references in the same template) has a RateBasedStatement rule whose action blocks, challenges or shows a CAPTCHA, so one client cannot flood a model endpoint and run up inference cost. A rate-based rule left in Count mode does not count as a limit.',
  remediation: {
    text: 'Add a rule with a RateBasedStatement (per IP or per API key header) and Action Block.',
    cloudformation:
      'Rules:\n  - Name: per-ip-rate-limit\n    Priority: 0\n    Action: { Block: {} }\n    Statement:\n      RateBasedStatement: { Limit: 300, AggregateKeyType: IP }\n    VisibilityConfig: { SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: rate-limit }',
    terraform:
      'rule {\n  name     = "per-ip-rate-limit"\n  priority = 0\n  action { block {} }\n  statement {\n    rate_based_statement {\n      limit              = 300\n      aggregate_key_type = "IP"\n    }\n  }\n  visibility_config { /* ... */ }\n}',
  },
  equivalents: {},
  evaluate(acl, ctx) {
    const rated = webAclRules(ctx.graph, acl).filter((r) => 'RateBasedStatement' in r.statement);
    const enforcing = rated.filter((r) => !actionCountsOnly(r));
    if (enforcing.length) return pass(`Web ACL ${acl.id} rate-limits clients with ${ruleName(enforcing[0]!)}.`);
    if (rated.length)
      return fail(`Web ACL ${acl.id}: rate-based rule ${ruleName(rated[0]!)} only counts requests.`, {
        path: [...rated[0]!.path, 'Action'],
      });
    return fail(`Web ACL ${acl.id} has no rate-based rule: a single client can flood the AI endpoint behind it.`, {
      path: ['Rules'],
    });
  },
};
