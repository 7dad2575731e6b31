import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { scanPaths } from '../../src/posture/engine.js';
import { allRules } from '../../src/posture/rules/index.js';
import { sharedDir } from '../support/schemas.js';

/**
 * Conformance with Checkov's own CloudFormation fixtures: for every Steward rule that lists a Checkov equivalent,
 * scan that check's fixture folder and compare the resources each tool passes and fails. Deliberate differences are
 * listed, with a reason, in checkov-deviations.yaml.
 */

interface CheckovCase {
  checkovId: string;
  checkovName: string;
  resourceTypes: string[];
  fixtureDir: string;
  expectPassed: number | null;
  expectFailed: number | null;
  passingResources?: string[] | null;
  failingResources?: string[] | null;
}

interface Deviation {
  checkov: string;
  rule: string;
  resource: string;
  expected: 'pass' | 'fail';
  steward: 'pass' | 'fail' | 'none';
  reason: string;
}

const corpus = join(sharedDir, 'corpora', 'checkov-cfn');
const manifest = JSON.parse(readFileSync(join(corpus, 'manifest.json'), 'utf8')) as { cases: CheckovCase[] };
const deviations = (
  parse(readFileSync(join(import.meta.dirname, 'checkov-deviations.yaml'), 'utf8')) as { deviations: Deviation[] }
).deviations;

const usable = (c: CheckovCase) =>
  (c.passingResources?.length ?? 0) + (c.failingResources?.length ?? 0) > 0 ||
  c.expectPassed !== null ||
  c.expectFailed !== null;

const pairs = allRules.flatMap((rule) =>
  (rule.equivalents.checkov ?? []).flatMap((id) =>
    manifest.cases.filter((c) => c.checkovId === id && usable(c)).map((c) => ({ rule, c })),
  ),
);

describe('Checkov CloudFormation fixtures', () => {
  it('has fixture cases for some Steward rules', () => {
    expect(pairs.length).toBeGreaterThan(0);
  });

  for (const { rule, c } of pairs) {
    it(`${rule.id} ≡ ${c.checkovId} on ${c.fixtureDir}`, () => {
      const result = scanPaths([join(corpus, c.fixtureDir)], { rules: [rule], root: join(corpus, c.fixtureDir) });
      // The manifest's resourceTypes may name only the SAM type while the named resources are plain CFN types.
      const named = [...(c.passingResources ?? []), ...(c.failingResources ?? [])].map((r) =>
        r.slice(0, r.lastIndexOf('.')),
      );
      const types = new Set([...(c.resourceTypes.length ? c.resourceTypes : rule.resourceTypes), ...named]);
      // Named expectations use "<type>.<logical id>"; counts are per resource per file, since fixture folders
      // reuse logical ids across templates.
      const verdict = new Map<string, 'pass' | 'fail'>();
      const perFile = new Map<string, 'pass' | 'fail'>();
      for (const f of result.findings) {
        if ((f.status === 'pass' || f.status === 'fail') && types.has(f.resource.type)) {
          verdict.set(`${f.resource.type}.${f.resource.id}`, f.status);
          perFile.set(`${f.resource.file}:${f.resource.type}.${f.resource.id}`, f.status);
        }
      }
      const mine = deviations.filter((d) => d.checkov === c.checkovId && d.rule === rule.id);
      const expectedOf = (r: string, want: 'pass' | 'fail') => {
        const d = mine.find((x) => x.resource === r && x.expected === want);
        return d ? d.steward : want;
      };
      if ((c.passingResources?.length ?? 0) + (c.failingResources?.length ?? 0) > 0) {
        const got: Record<string, string> = {};
        const want: Record<string, string> = {};
        for (const r of c.passingResources ?? []) {
          want[r] = expectedOf(r, 'pass');
          got[r] = verdict.get(r) ?? 'none';
        }
        for (const r of c.failingResources ?? []) {
          want[r] = expectedOf(r, 'fail');
          got[r] = verdict.get(r) ?? 'none';
        }
        expect(got).toEqual(want);
      } else {
        const passed = [...perFile.values()].filter((v) => v === 'pass').length;
        const failed = [...perFile.values()].filter((v) => v === 'fail').length;
        if (c.expectPassed !== null) expect(passed, 'passed count').toBe(c.expectPassed);
        if (c.expectFailed !== null) expect(failed, 'failed count').toBe(c.expectFailed);
      }
    });
  }
});
