import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Catalog } from '../catalog/catalog.js';
import { bundledCatalog } from '../catalog/catalog.js';
import { LAYERS, RESPONSIBILITIES, VIEWS } from '../catalog/schema.js';
import { fixtureCatalog } from './__fixtures__/sample-assessment.js';
import { addToTally, emptyTally, type Rollup, rollup, type Tally } from './assessment.js';
import { type Finding, SEVERITIES, STATUSES } from './finding.js';

/**
 * The roll-up as its definition reads, one finding at a time: each finding counts once in every bucket any of its
 * controls reaches. `rollup` resolves buckets once per list of controls; it must agree with this.
 */
function naiveRollup(findings: readonly Finding[], catalog: Catalog) {
  const bucket = (keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, emptyTally()]));
  const r = {
    total: emptyTally(),
    bySeverity: bucket(SEVERITIES),
    byLayer: bucket(LAYERS),
    byView: bucket(VIEWS),
    byScope: bucket(['1', '2', '3', '4', '5']),
    byResponsibility: bucket(RESPONSIBILITIES),
    byOwasp: {} as Record<string, Tally>,
    requirements: {} as Record<string, Tally>,
    unknown: new Set<string>(),
  };
  for (const f of findings) {
    addToTally(r.total, f);
    addToTally(r.bySeverity[f.severity]!, f);
    const reached = new Set<Tally>();
    for (const id of f.controls) {
      const c = catalog.control(id);
      if (!c) {
        r.unknown.add(id);
        continue;
      }
      reached.add(r.byLayer[c.layer]!).add(r.byView[c.view]!).add(r.byResponsibility[c.responsibility]!);
      for (const s of c.scopes) reached.add(r.byScope[String(s)]!);
      for (const [fw, reqs] of Object.entries(c.mappings)) {
        for (const req of reqs ?? []) {
          r.requirements[`${fw}/${req}`] ??= emptyTally();
          reached.add(r.requirements[`${fw}/${req}`]!);
          if (fw === 'owasp-llm-2025') {
            r.byOwasp[req] ??= emptyTally();
            reached.add(r.byOwasp[req]!);
          }
        }
      }
    }
    for (const t of reached) addToTally(t, f);
  }
  return r;
}

function requirementTallies(r: Rollup): Record<string, Tally> {
  const out: Record<string, Tally> = {};
  for (const [fw, { requirements }] of Object.entries(r.byFramework))
    for (const req of requirements) if (Object.values(req.tally).some((n) => n > 0)) out[`${fw}/${req.id}`] = req.tally;
  return out;
}

const nonZero = (tallies: Record<string, Tally>) =>
  Object.fromEntries(Object.entries(tallies).filter(([, t]) => Object.values(t).some((n) => n > 0)));

describe('rollup', () => {
  for (const [name, catalog] of [
    ['fixture', fixtureCatalog()],
    ['bundled', bundledCatalog()],
  ] as const) {
    it(`agrees with the finding-by-finding definition (${name} catalog, property-based)`, () => {
      const ids = [...catalog.controls.map((c) => c.id).slice(0, 12), 'not-in-catalog'];
      // Findings of one rule share their controls array; others bring equal lists in arrays of their own.
      const shared = [ids.slice(0, 3), ids.slice(2, 5), []];
      const finding = fc.record({
        severity: fc.constantFrom(...SEVERITIES),
        status: fc.constantFrom(...STATUSES),
        suppressed: fc.boolean(),
        controls: fc.oneof(
          fc.constantFrom(...shared),
          fc.array(fc.constantFrom(...ids), { maxLength: 4 }),
          fc.constantFrom(...shared).map((c) => [...c]),
        ),
      });
      fc.assert(
        fc.property(fc.array(finding, { maxLength: 40 }), (specs) => {
          const findings = specs.map(
            (s, i): Finding => ({
              ruleId: `r${i % 3}`,
              title: 't',
              severity: s.severity,
              status: s.status,
              message: 'm',
              resource: { type: 'T', id: `R${i}` },
              controls: s.controls,
              part: 'posture',
              ...(s.suppressed ? { suppression: { kind: 'inline' as const, reason: 'r' } } : {}),
            }),
          );
          const got = rollup(findings, catalog);
          const want = naiveRollup(findings, catalog);
          expect(got.total).toEqual(want.total);
          expect(got.bySeverity).toEqual(want.bySeverity);
          expect(got.byLayer).toEqual(want.byLayer);
          expect(got.byView).toEqual(want.byView);
          expect(got.byScope).toEqual(want.byScope);
          expect(got.byResponsibility).toEqual(want.byResponsibility);
          expect(nonZero(got.byOwasp)).toEqual(nonZero(want.byOwasp));
          expect(requirementTallies(got)).toEqual(want.requirements);
          expect(got.unknownControls).toEqual([...want.unknown].sort());
        }),
        { numRuns: 200 },
      );
    });
  }

  it('counts a finding once in a bucket that several of its controls reach', () => {
    const catalog = bundledCatalog();
    const a = catalog.controls[0]!;
    const b = catalog.controls.find((c) => c !== a && c.layer === a.layer);
    if (!b) throw new Error('the catalog needs two controls in one layer');
    const f: Finding = {
      ruleId: 'r',
      title: 't',
      severity: 'high',
      status: 'fail',
      message: 'm',
      resource: { type: 'T', id: 'R' },
      controls: [a.id, b.id],
      part: 'posture',
    };
    expect(rollup([f], catalog).byLayer[a.layer]).toEqual({ ...emptyTally(), failed: 1 });
  });
});
