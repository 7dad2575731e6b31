import { describe, expect, it } from 'vitest';
import { collectRefs } from '../intrinsics.js';
import { resourcesOf } from './test-fixtures.js';

describe('WAF mapping', () => {
  const net = resourcesOf('network.plan.json');

  it('maps a web ACL: default action, rate-based, managed and compound statements', () => {
    const acl = net('aws_wafv2_web_acl.chat');
    expect(acl.type).toBe('AWS::WAFv2::WebACL');
    expect(acl.properties.DefaultAction).toEqual({ Allow: {} });
    const [rate, bots, geo] = acl.properties.Rules as Record<string, unknown>[];
    expect(rate).toMatchObject({
      Name: 'rate',
      Action: { Block: {} },
      Statement: { RateBasedStatement: { Limit: 1000, AggregateKeyType: 'IP' } },
    });
    expect(bots).toMatchObject({
      OverrideAction: { None: {} },
      Statement: {
        ManagedRuleGroupStatement: {
          Name: 'AWSManagedRulesBotControlRuleSet',
          VendorName: 'AWS',
          RuleActionOverrides: [{ Name: 'CategoryHttpLibrary', ActionToUse: { Count: {} } }],
        },
      },
    });
    expect(geo?.Statement).toEqual({
      AndStatement: {
        Statements: [
          { GeoMatchStatement: { CountryCodes: ['KP'] } },
          {
            NotStatement: {
              Statement: {
                IPSetReferenceStatement: { Arn: 'arn:aws:wafv2:eu-west-1:111122223333:regional/ipset/office/1' },
              },
            },
          },
        ],
      },
    });
  });

  it('maps an association whose resource is a stage in the plan', () => {
    const a = net('aws_wafv2_web_acl_association.prod');
    expect(a.type).toBe('AWS::WAFv2::WebACLAssociation');
    expect([...collectRefs(a.properties.ResourceArn)]).toEqual(['aws_api_gateway_stage.prod']);
    expect([...collectRefs(a.properties.WebACLArn)]).toEqual(['aws_wafv2_web_acl.chat']);
  });
});
