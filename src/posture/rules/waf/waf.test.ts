import { describe, expect, it } from 'vitest';
import { bundledCatalog } from '../../../catalog/catalog.js';
import { runRules, verdicts } from '../../test-helpers.js';
import { wafRules } from './index.js';
import { wafWebaclBotControl } from './waf-webacl-bot-control.js';
import { wafWebaclCommonRules } from './waf-webacl-common-rules.js';
import { wafWebaclLogging } from './waf-webacl-logging.js';
import { wafWebaclRateBasedRule } from './waf-webacl-rate-based-rule.js';

const tpl = (resources: string) => `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n${resources}`;
const vis = 'VisibilityConfig: { SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: m }';
const acl = (id: string, rules: string) => `  ${id}:
    Type: AWS::WAFv2::WebACL
    Properties:
      Scope: REGIONAL
      DefaultAction: { Allow: {} }
      ${vis}
      Rules:
${rules || '        []'}
`;
const managed = (name: string, override = 'None') => `        - Name: ${name}
          Priority: 1
          OverrideAction: { ${override}: {} }
          Statement: { ManagedRuleGroupStatement: { VendorName: AWS, Name: ${name} } }
          ${vis}
`;
const rate = (action = 'Block') => `        - Name: rate
          Priority: 0
          Action: { ${action}: {} }
          Statement: { RateBasedStatement: { Limit: 300, AggregateKeyType: IP } }
          ${vis}
`;

describe('waf rule metadata', () => {
  it('names only catalog controls', () => {
    const known = new Set(bundledCatalog().controls.map((c) => c.id));
    for (const r of wafRules) for (const c of r.controls) expect(known, `${r.id} → ${c}`).toContain(c);
  });
});

describe('waf-webacl-rate-based-rule', () => {
  const t = tpl(
    acl('Limited', rate()) +
      acl('Counting', rate('Count')) +
      acl('None', managed('AWSManagedRulesCommonRuleSet')) +
      acl(
        'ViaGroup',
        `        - Name: shared
          Priority: 0
          OverrideAction: { None: {} }
          Statement: { RuleGroupReferenceStatement: { Arn: !GetAtt Limits.Arn } }
          ${vis}
`,
      ) +
      `  Limits:
    Type: AWS::WAFv2::RuleGroup
    Properties:
      Scope: REGIONAL
      Capacity: 10
      ${vis}
      Rules:
${rate('Captcha')}`,
  );
  it('passes blocking rate rules, also inside a referenced rule group; count-only fails', () =>
    expect(verdicts(t, wafWebaclRateBasedRule)).toEqual([
      'pass Limited',
      'fail Counting',
      'fail None',
      'pass ViaGroup',
    ]));
  it('says the rate rule only counts', () => {
    const f = runRules(t, [wafWebaclRateBasedRule]).find((x) => x.resource.id === 'Counting')!;
    expect(f.message).toContain('only counts');
  });
});

describe('managed rule groups', () => {
  const t = tpl(
    acl('Both', managed('AWSManagedRulesBotControlRuleSet') + managed('AWSManagedRulesCommonRuleSet')) +
      acl(
        'CountOnly',
        managed('AWSManagedRulesBotControlRuleSet', 'Count') + managed('AWSManagedRulesCommonRuleSet', 'Count'),
      ) +
      acl('Empty', ''),
  );
  it('waf-webacl-bot-control', () =>
    expect(verdicts(t, wafWebaclBotControl)).toEqual(['pass Both', 'fail CountOnly', 'fail Empty']));
  it('waf-webacl-common-rules', () =>
    expect(verdicts(t, wafWebaclCommonRules)).toEqual(['pass Both', 'fail CountOnly', 'fail Empty']));
  it('ignores a same-named group from another vendor', () => {
    const other = tpl(
      acl(
        'Other',
        `        - Name: x
          Priority: 1
          OverrideAction: { None: {} }
          Statement: { ManagedRuleGroupStatement: { VendorName: SomeVendor, Name: AWSManagedRulesCommonRuleSet } }
          ${vis}
`,
      ),
    );
    expect(verdicts(other, wafWebaclCommonRules)).toEqual(['fail Other']);
  });
});

describe('waf-webacl-logging', () => {
  const t = tpl(
    acl('Logged', rate()) +
      acl('Silent', rate()) +
      `  Logging:
    Type: AWS::WAFv2::LoggingConfiguration
    Properties:
      ResourceArn: !GetAtt Logged.Arn
      LogDestinationConfigs: [!Sub "arn:aws:logs:\${AWS::Region}:\${AWS::AccountId}:log-group:aws-waf-logs-x"]
`,
  );
  it('follows the logging configuration to the ACL', () =>
    expect(verdicts(t, wafWebaclLogging)).toEqual(['pass Logged', 'fail Silent']));
});
