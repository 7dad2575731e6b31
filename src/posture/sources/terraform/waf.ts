import { isIntrinsic } from '../intrinsics.js';
import { clean, generic, one, shaped, tagList } from './convert.js';
import type { TfMapping } from './mapping.js';
import { parsePolicy } from './policy.js';
import { isRec, list, type Rec, setKey } from './records.js';

/** WAF statement blocks that repeat; every other WAF block is single. */
const LISTS = new Set([
  'rule',
  'statement',
  'rule_action_override',
  'managed_rule_group_configs',
  'text_transformation',
  'custom_key',
  'excluded_rule',
  'country_codes',
  'addresses',
]);

const RENAMES: Record<string, string> = {
  ip_set_reference_statement: 'IPSetReferenceStatement',
  forwarded_ip_config: 'ForwardedIPConfig',
  rule_action_override: 'RuleActionOverrides',
  text_transformation: 'TextTransformations',
  custom_key: 'CustomKeys',
  excluded_rule: 'ExcludedRules',
  cloudwatch_metrics_enabled: 'CloudWatchMetricsEnabled',
  arn: 'Arn',
  ip_set_forwarded_ip_config: 'IPSetForwardedIPConfig',
  aws_managed_rules_bot_control_rule_set: 'AWSManagedRulesBotControlRuleSet',
  aws_managed_rules_atp_rule_set: 'AWSManagedRulesATPRuleSet',
  aws_managed_rules_acfp_rule_set: 'AWSManagedRulesACFPRuleSet',
  aws_managed_rules_anti_ddos_rule_set: 'AWSManagedRulesAntiDDoSRuleSet',
  ja3_fingerprint: 'JA3Fingerprint',
  ja4_fingerprint: 'JA4Fingerprint',
  http_method: 'HTTPMethod',
  forwarded_ip: 'ForwardedIP',
  ip: 'IP',
  asn: 'ASN',
};

/** `and_statement { statement {…} statement {…} }` → `AndStatement: { Statements: [...] }` (Not keeps one). */
function statement(s: unknown): unknown {
  const out = generic(s, { lists: LISTS, renames: RENAMES });
  return fixCompound(out, 0);
}

function fixCompound(v: unknown, depth: number): unknown {
  if (depth > 32 || !isRec(v) || isIntrinsic(v)) return Array.isArray(v) ? v.map((x) => fixCompound(x, depth + 1)) : v;
  const out: Rec = {};
  for (const [k, x] of Object.entries(v)) {
    if ((k === 'AndStatement' || k === 'OrStatement') && isRec(x)) {
      setKey(out, k, { Statements: list(x.Statement).map((y) => fixCompound(y, depth + 1)) });
    } else if (k === 'NotStatement' && isRec(x)) {
      setKey(out, k, { Statement: fixCompound(list(x.Statement)[0], depth + 1) });
    } else setKey(out, k, fixCompound(x, depth + 1));
  }
  return out;
}

/** A single block (`action`, `default_action`…) converted as a whole. */
const single = (v: unknown) => clean(generic(Array.isArray(v) ? v[0] : v, { lists: LISTS, renames: RENAMES }));
const VISIBILITY = one('visibility_config', {
  CloudWatchMetricsEnabled: 'cloudwatch_metrics_enabled',
  MetricName: 'metric_name',
  SampledRequestsEnabled: 'sampled_requests_enabled',
});

const rules = (v: Rec): unknown => {
  // `rule_json` holds the rules in the WAF API's own (CloudFormation-like) shape.
  const json = parsePolicy(v.rule_json);
  if (Array.isArray(json)) return json;
  const rs = list(v.rule)
    .filter(isRec)
    .map((rule) =>
      shaped(rule, {
        Name: 'name',
        Priority: 'priority',
        Action: (s) => single(s.action),
        OverrideAction: (s) => single(s.override_action),
        Statement: (s) => clean(statement(Array.isArray(s.statement) ? s.statement[0] : s.statement)),
        VisibilityConfig: VISIBILITY,
      }),
    );
  return clean(rs);
};

export const wafMappings: TfMapping[] = [
  {
    tf: 'aws_wafv2_web_acl',
    cfn: 'AWS::WAFv2::WebACL',
    props: (r) =>
      shaped(r.values, {
        Name: 'name',
        Description: 'description',
        Scope: 'scope',
        DefaultAction: (s) => single(s.default_action),
        Rules: rules,
        VisibilityConfig: VISIBILITY,
        TokenDomains: 'token_domains',
        Tags: () => tagList(r.values),
      }),
  },
  {
    tf: 'aws_wafv2_web_acl_association',
    cfn: 'AWS::WAFv2::WebACLAssociation',
    props: (r) => shaped(r.values, { ResourceArn: 'resource_arn', WebACLArn: 'web_acl_arn' }),
  },
];
