import { describe, expect, it } from 'vitest';
import type { Finding } from '../../findings/finding.js';
import { ResourceGraph, type Template } from '../graph.js';
import { DetachedResource, detach, sliceFromText } from '../graph-slice.js';
import { aiFootprint } from '../rules/ai-footprint.js';
import type { UnitResult } from '../scan-unit.js';
import { decodeBatch, encodeBatch } from './serialize.js';

const finding = (over: Partial<Finding> & Record<string, unknown> = {}): Finding => ({
  ruleId: 'r1',
  title: 'T',
  severity: 'high',
  status: 'fail',
  message: 'm',
  resource: { type: 'AWS::S3::Bucket', id: 'B', file: 'a.json', line: 2, column: 3 },
  controls: ['c1'],
  part: 'posture',
  remediation: 'fix',
  docs: 'https://d',
  ...over,
});

const unitOf = (findings: Finding[], extra: Partial<UnitResult['entries'][number]> = {}): UnitResult => ({
  entries: [{ file: 'a.json', templates: 1, resources: 1, findings, ...extra }],
});

const graphOf = (resources: DetachedResource[]): ResourceGraph => {
  const g = new ResourceGraph();
  g.add({ file: 'a.json', format: 'cdk', parameters: {}, conditions: {}, mappings: {}, resources } as Template);
  return g;
};

/** What a finding looks like after JSON (undefined values dropped), key order included. */
const asJson = (v: unknown) => JSON.stringify(v);

describe('worker wire format', () => {
  it('round-trips findings of many shapes with their exact keys, key order and values', () => {
    const findings: Finding[] = [
      finding(),
      finding({ message: 'second', resource: { type: 'AWS::S3::Bucket', id: 'C', file: 'a.json', line: 9 } }),
      // Same rule, different shared values: must not borrow the first shape's statics.
      finding({ controls: ['c1', 'c2'], title: 'T2' }),
      finding({ remediation: undefined, docs: undefined, evidence: { cidr: '0.0.0.0/0', hosts: ['A'] } }),
      finding({ suppression: { kind: 'inline', reason: 'ok' } }),
      // Resource keys in another order, an undefined one, a file that is not a string, no file at all.
      finding({ resource: { id: 'D', type: 'X', line: 1, column: undefined, file: 'b.json', path: 'S/D' } }),
      finding({ resource: { type: 'X', id: 'E', file: 7 as unknown as string } }),
      finding({ ruleId: 'r2', resource: { type: 'Steward::Account', id: 'account' } }),
      { status: 'error', ruleId: 'r3', message: 'x', resource: { type: 'T', id: 'I' } } as unknown as Finding,
    ];
    const units = [
      unitOf(findings),
      unitOf([finding({ resource: { type: 'AWS::S3::Bucket', id: 'Z', file: 'c.json' } })]),
    ];
    const back = decodeBatch(structuredClone(encodeBatch(units)));
    expect(back.map((u) => asJson(u.entries[0]!.findings))).toEqual(units.map((u) => asJson(u.entries[0]!.findings)));
  });

  it('shares one string per distinct file and type among decoded findings', () => {
    const findings = Array.from({ length: 5 }, (_, i) =>
      finding({ resource: { type: 'AWS::S3::Bucket', id: `B${i}`, file: 'stacks/app.json', line: i + 1 } }),
    );
    const wire = encodeBatch([unitOf(findings)]);
    expect(wire.batch.split('stacks/app.json').length - 1).toBe(1);
    const decoded = decodeBatch(structuredClone(wire))[0]!.entries[0]!.findings;
    expect(decoded.map((f) => f.resource.file)).toEqual(findings.map((f) => f.resource.file));
  });

  it('carries graph-rule resources, as text, with their data, positions and properties', () => {
    const source = {
      id: 'Role',
      type: 'AWS::IAM::Role',
      sourceType: 'aws_iam_role',
      properties: {
        RoleName: 'r',
        Policies: [
          {
            PolicyName: 'p',
            PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: '*' }] },
          },
        ],
      },
      metadata: { 'aws:cdk:path': 'S/Role' },
      condition: 'IsProd',
      dependsOn: ['Other'],
      refs: ['Other', 'Key'],
      position: { file: 'a.json', line: 10, column: 3 },
      format: 'cdk' as const,
      constructPath: 'S/Role',
      positionOf: (path: readonly (string | number)[]) => ({ file: 'a.json', line: 11 + path.length, column: 5 }),
    };
    const d = detach(source);
    // Metadata beyond the construct path, and a resource with no optional field at all.
    const other = detach({
      ...source,
      id: 'Other',
      sourceType: undefined,
      condition: undefined,
      constructPath: undefined,
      dependsOn: [],
      metadata: { 'aws:cdk:path': 'S/Other', cfn_nag: { rules_to_suppress: [{ id: 'W1', reason: 'r' }] } },
    });
    const unit = unitOf([], { slice: { file: 'a.json', format: 'cdk', parameters: {}, resources: [d, other] } });
    const text = decodeBatch(structuredClone(encodeBatch([unit])))[0]!.entries[0]!.sliceText!;
    const [back, otherBack] = sliceFromText(text).resources;
    if (!back || !otherBack) throw new Error('resources lost');
    expect(back).toBeInstanceOf(DetachedResource);
    const fields = (r: DetachedResource) => [
      r.id,
      r.type,
      r.sourceType,
      r.condition,
      r.dependsOn,
      r.refs,
      r.format,
      r.constructPath,
      r.position,
      r.metadata,
      r.lines,
      r.aiGrants,
    ];
    expect(fields(back)).toEqual(fields(d));
    expect(fields(otherBack)).toEqual(fields(other));
    expect(Object.keys(otherBack.metadata)).toEqual(['aws:cdk:path', 'cfn_nag']);
    expect(back.properties).toEqual(source.properties);
    // The role's AI grants are read where it was parsed and travel with it (model invocation only).
    expect(back.aiGrants).toBeGreaterThan(0);
    expect(aiFootprint(graphOf([back])).bedrockRuntime).toEqual([back]);
    expect(aiFootprint(graphOf([back])).sagemakerRuntime).toEqual([]);
    expect(back.positionOf(['Policies', 0])).toEqual(d.positionOf(['Policies', 0]));
  });
});
