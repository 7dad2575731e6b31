import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanPaths } from '../../posture/engine.js';
import { type Finding, PARTS, SEVERITIES, STATUSES } from '../finding.js';
import { toJsonFinding } from './json.js';
import { jsonFindingText, pushJsonFinding } from './json-finding-text.js';

/** What the streamed report must print for a finding: the reporter's object, as JSON.stringify indents it. */
const expected = (f: Finding, indent: string) =>
  JSON.stringify(toJsonFinding(f), null, 2).replaceAll('\n', `\n${indent}`);

const repo = join(import.meta.dirname, '..', '..', '..');

describe('jsonFindingText', () => {
  it('prints real scan findings exactly as JSON.stringify does, at any indentation', () => {
    const { findings } = scanPaths([join(repo, 'examples'), join(repo, 'src', 'posture', '__fixtures__')], {
      root: repo,
    });
    expect(findings.length).toBeGreaterThan(50);
    expect(findings.some((f) => f.evidence)).toBe(true);
    for (const indent of ['', '    '])
      for (const f of findings) expect(jsonFindingText(f, indent)).toBe(expected(f, indent));
  });

  it('does not reuse one rule’s shared text for a finding whose title, controls or docs differ', () => {
    const base: Finding = {
      ruleId: 'r',
      title: 'T',
      severity: 'high',
      status: 'fail',
      message: 'm',
      resource: { type: 'AWS::S3::Bucket', id: 'B', file: 'a.json', line: 3, column: 5, path: 'S/B' },
      controls: ['c1', 'c2'],
      part: 'posture',
      remediation: 'fix',
      docs: 'https://d',
    };
    const variants: Finding[] = [
      base,
      { ...base, title: 'Other' },
      { ...base, controls: ['c1'] },
      { ...base, controls: [] },
      { ...base, docs: undefined, remediation: undefined },
      { ...base, severity: 'low', status: 'pass' },
      { ...base, suppression: { kind: 'inline', reason: 'ok "quoted"\n' } },
      base,
    ];
    const out: string[] = [];
    for (const f of variants) {
      expect(jsonFindingText(f, '  ')).toBe(expected(f, '  '));
      pushJsonFinding(out, f);
    }
    expect(out.join('')).toBe(variants.map((f) => expected(f, '')).join(''));
  });

  it('matches JSON.stringify for arbitrary findings, odd values included (property-based)', () => {
    const text = fc.string({ unit: 'binary', maxLength: 12 });
    const odd = fc.oneof(
      text,
      fc.constant(undefined),
      fc.integer(),
      fc.constant(null),
      fc.array(text, { maxLength: 2 }),
    );
    const finding = fc.record(
      {
        ruleId: fc.oneof(text, fc.constantFrom('r1', 'r2')),
        title: fc.oneof(text, fc.constantFrom('T1', 'T2')),
        severity: fc.oneof(fc.constantFrom(...SEVERITIES), odd),
        status: fc.oneof(fc.constantFrom(...STATUSES), odd),
        message: fc.oneof(text, odd),
        resource: fc.record(
          {
            type: fc.oneof(text, odd),
            id: fc.oneof(text, odd),
            file: fc.oneof(text, odd),
            line: fc.oneof(fc.integer({ min: -5, max: 10_000 }), fc.double(), odd),
            column: fc.oneof(fc.integer({ min: -5, max: 500 }), odd),
            path: fc.oneof(text, odd, fc.object()),
          },
          { requiredKeys: [] },
        ),
        controls: fc.oneof(fc.array(fc.constantFrom('c1', 'c2', 'c\u0001')), fc.array(odd, { maxLength: 2 })),
        part: fc.oneof(fc.constantFrom(...PARTS), odd),
        remediation: fc.oneof(text, odd),
        docs: fc.oneof(text, odd),
        evidence: fc.oneof(fc.constant(undefined), fc.object(), fc.jsonValue()),
        suppression: fc.oneof(
          fc.constant(undefined),
          fc.record(
            { kind: fc.oneof(fc.constantFrom('inline', 'baseline'), odd), reason: fc.oneof(text, odd), source: odd },
            { requiredKeys: [] },
          ),
        ),
      },
      { requiredKeys: ['resource', 'controls'] },
    ) as unknown as fc.Arbitrary<Finding>;
    fc.assert(
      fc.property(fc.array(finding, { maxLength: 6 }), fc.constantFrom('', '    '), (findings, indent) => {
        for (const f of findings) expect(jsonFindingText(f, indent)).toBe(expected(f, indent));
      }),
      { numRuns: 400 },
    );
  });
});
