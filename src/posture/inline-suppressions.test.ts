import { describe, expect, it } from 'vitest';
import type { Resource, SourceFormat } from './graph.js';
import { inlineSuppression } from './inline-suppressions.js';
import type { RuleMeta } from './rule.js';

const rule: RuleMeta = {
  id: 'test-rule',
  title: 't',
  severity: 'high',
  resourceTypes: ['AWS::S3::Bucket'],
  controls: [],
  description: 'd',
  remediation: { text: 'r' },
  equivalents: { checkov: ['CKV_AWS_1'], cfnNag: ['W1'] },
};

function resource(metadata: Record<string, unknown>, format: SourceFormat = 'cloudformation'): Resource {
  const position = { file: 'stack.yaml', line: 4, column: 3 };
  return {
    id: 'R',
    type: 'AWS::S3::Bucket',
    properties: {},
    metadata,
    dependsOn: [],
    refs: [],
    position,
    format,
    positionOf: () => position,
  };
}

const comments = (...suppressions: Record<string, unknown>[]) =>
  resource({ terraform: { address: 'aws_s3_bucket.r', suppressions } }, 'terraform-plan');

describe('inlineSuppression', () => {
  it('honours Steward metadata by rule id or *, at the resource position', () => {
    expect(inlineSuppression(resource({ steward: { suppress: [{ rule: '*', reason: 'sandbox' }] } }), rule)).toEqual({
      suppression: { kind: 'inline', reason: 'sandbox', source: 'stack.yaml:4' },
    });
    expect(inlineSuppression(resource({ steward: { suppress: [{ rule: 'other', reason: 'x' }] } }), rule)).toEqual({});
  });

  it('honours cfn_nag and checkov metadata through equivalents, saying where it came from', () => {
    const nag = resource({ cfn_nag: { rules_to_suppress: [{ id: 'W1', reason: 'ok' }] } });
    expect(inlineSuppression(nag, rule).suppression?.reason).toBe('ok (from cfn_nag metadata)');
    const ckv = resource({ checkov: { skip: [{ id: 'CKV_AWS_2', comment: 'not an equivalent' }] } });
    expect(inlineSuppression(ckv, rule)).toEqual({});
  });

  it('honours Terraform comments at the place they were written', () => {
    const r = comments(
      { tool: 'steward', rule: 'other-rule', reason: 'x', source: 'main.tf:2' },
      { tool: 'checkov', rule: 'CKV_AWS_1', reason: 'tracked in RISK-7', source: 'modules/a/main.tf:9' },
    );
    expect(inlineSuppression(r, rule)).toEqual({
      suppression: {
        kind: 'inline',
        reason: 'tracked in RISK-7 (from checkov:skip comment)',
        source: 'modules/a/main.tf:9',
      },
    });
    expect(
      inlineSuppression(comments({ tool: 'steward', rule: 'test-rule', reason: 'y', source: 'main.tf:2' }), rule),
    ).toEqual({ suppression: { kind: 'inline', reason: 'y', source: 'main.tf:2' } });
  });

  it('reports a reason-less suppression where it was written, unless another one gives a reason', () => {
    const bare = { tool: 'steward', rule: 'test-rule', reason: '', source: 'main.tf:12' };
    expect(inlineSuppression(comments(bare), rule)).toEqual({
      missingReason: 'main.tf:12: steward suppression of test-rule has no reason, so it is not applied',
    });
    const both = comments(bare, { tool: 'checkov', rule: 'CKV_AWS_1', reason: 'accepted', source: 'main.tf:13' });
    expect(inlineSuppression(both, rule).suppression?.source).toBe('main.tf:13');
    expect(inlineSuppression(both, rule).missingReason).toBeUndefined();
  });

  it('reads comment suppressions only on resources a Terraform plan produced', () => {
    const forged = resource({
      terraform: { suppressions: [{ tool: 'steward', rule: '*', reason: 'x', source: 'elsewhere.tf:1' }] },
    });
    expect(inlineSuppression(forged, rule)).toEqual({});
  });
});
