import type { Catalog } from '../catalog/catalog.js';
import type { FrameworkId, Layer, Responsibility, Scope, View } from '../catalog/schema.js';
import { LAYERS, RESPONSIBILITIES, VIEWS } from '../catalog/schema.js';
import type { RegulatedVerdict, WorkloadProfile } from '../catalog/workload-profile.js';
import { compareFindings, type Finding, isOpenFailure, type Part, type Severity } from './finding.js';

export const ASSESSMENT_SCHEMA_VERSION = '1.0.0';

export interface PartRun {
  part: Part;
  status: 'ok' | 'error' | 'skipped';
  durationMs: number;
  /** What the part looked at (files scanned, rules run…). */
  summary?: string;
  error?: string;
}

/** Where the workload's GenAI scope came from. */
export interface ScopeDecision {
  scope: Scope;
  source: 'declared' | 'inferred' | 'default';
  evidence: string[];
}

export interface Assessment {
  schemaVersion: string;
  tool: { name: 'steward'; version: string };
  target: string;
  startedAt: string;
  finishedAt: string;
  profile: WorkloadProfile;
  scope: ScopeDecision;
  regulated: RegulatedVerdict;
  parts: PartRun[];
  findings: Finding[];
}

/** Counts for one bucket of a roll-up. `failed` counts only unsuppressed failures. */
export interface Tally {
  passed: number;
  failed: number;
  suppressed: number;
  skipped: number;
  errors: number;
}

export function emptyTally(): Tally {
  return { passed: 0, failed: 0, suppressed: 0, skipped: 0, errors: 0 };
}

/** The counter of a tally a finding adds to: `failed` counts only unsuppressed failures. */
export function counterOf(f: Finding): keyof Tally {
  if (f.status === 'fail') return f.suppression ? 'suppressed' : 'failed';
  if (f.status === 'pass') return 'passed';
  return f.status === 'skip' ? 'skipped' : 'errors';
}

export function addToTally(t: Tally, f: Finding): void {
  t[counterOf(f)]++;
}

export interface RequirementCoverage {
  id: string;
  title: string;
  /** Controls in the catalog mapping to this requirement. */
  controls: string[];
  tally: Tally;
  /** failing | passing (evidence and no open failure) | no-evidence */
  state: 'failing' | 'passing' | 'no-evidence';
}

export interface Rollup {
  total: Tally;
  bySeverity: Record<string, Tally>;
  byLayer: Record<Layer, Tally>;
  byView: Record<View, Tally>;
  byScope: Record<`${Scope}`, Tally>;
  byResponsibility: Record<Responsibility, Tally>;
  byOwasp: Record<string, Tally>;
  byFramework: Record<FrameworkId, { title: string; requirements: RequirementCoverage[] }>;
  /** Findings naming a control id the catalog does not know (a bug in a rule). */
  unknownControls: string[];
}

function bucket<K extends string>(keys: readonly K[]): Record<K, Tally> {
  return Object.fromEntries(keys.map((k) => [k, emptyTally()])) as Record<K, Tally>;
}

/**
 * The tallies a finding with these controls counts in, each once even when several of its controls fall in it.
 * Findings of one rule share their controls, so a scan with a million findings resolves a few hundred lists.
 * Buckets are created in the order the findings first reach them, as a per-finding walk would.
 */
function bucketsResolver(r: Rollup, catalog: Catalog, reqTally: Map<string, Tally>, unknown: Set<string>) {
  const byList = new Map<readonly string[], Tally[]>();
  const byKey = new Map<string, Tally[]>();
  const resolve = (controls: readonly string[]): Tally[] => {
    const tallies = new Set<Tally>();
    const add = (t: Tally | undefined) => {
      if (t) tallies.add(t);
    };
    for (const cid of controls) {
      const c = catalog.control(cid);
      if (!c) {
        unknown.add(cid);
        continue;
      }
      add(r.byLayer[c.layer]);
      add(r.byView[c.view]);
      add(r.byResponsibility[c.responsibility]);
      for (const s of c.scopes) add(r.byScope[`${s}`]);
      for (const [fw, reqs] of Object.entries(c.mappings)) {
        for (const req of reqs ?? []) {
          const key = `${fw}\u0000${req}`;
          let t = reqTally.get(key);
          if (!t) {
            t = emptyTally();
            reqTally.set(key, t);
          }
          add(t);
          if (fw === 'owasp-llm-2025') {
            r.byOwasp[req] ??= emptyTally();
            add(r.byOwasp[req]);
          }
        }
      }
    }
    return [...tallies];
  };
  return (controls: readonly string[]): Tally[] => {
    let list = byList.get(controls);
    if (!list) {
      // Same controls in another array (findings decoded from a worker batch): same buckets.
      const key = controls.join('\u0000');
      list = byKey.get(key);
      if (!list) {
        list = resolve(controls);
        byKey.set(key, list);
      }
      byList.set(controls, list);
    }
    return list;
  };
}

/** Roll findings up along every catalog axis: layer, view, scope, responsibility, OWASP risk, framework requirement. */
export function rollup(findings: readonly Finding[], catalog: Catalog): Rollup {
  const r = new RollupBuilder(catalog);
  for (const f of findings) r.add(f);
  return r.finish();
}

/**
 * `rollup`, one finding at a time: a large scan tallies findings as they arrive instead of keeping a million of
 * them until the end.
 */
export class RollupBuilder {
  private readonly r: Rollup = {
    total: emptyTally(),
    bySeverity: bucket(['critical', 'high', 'medium', 'low', 'info']),
    byLayer: bucket(LAYERS),
    byView: bucket(VIEWS),
    byScope: bucket(['1', '2', '3', '4', '5'] as const),
    byResponsibility: bucket(RESPONSIBILITIES),
    byOwasp: {},
    byFramework: {} as Rollup['byFramework'],
    unknownControls: [],
  };
  private readonly reqTally = new Map<string, Tally>();
  private readonly unknown = new Set<string>();
  private readonly bucketsOf: (controls: readonly string[]) => Tally[];

  constructor(private readonly catalog: Catalog) {
    this.bucketsOf = bucketsResolver(this.r, catalog, this.reqTally, this.unknown);
  }

  add(f: Finding): void {
    this.addCount(f.severity, f.controls, counterOf(f), 1);
  }

  /** `n` findings of one severity and controls that count as `counter` (findings tallied elsewhere). */
  addCount(severity: Severity, controls: readonly string[], counter: keyof Tally, n: number): void {
    const r = this.r;
    r.total[counter] += n;
    r.bySeverity[severity]![counter] += n;
    for (const t of this.bucketsOf(controls)) t[counter] += n;
  }

  /** The roll-up of every finding added. */
  finish(): Rollup {
    const r = this.r;
    for (const fw of this.catalog.frameworks) {
      r.byFramework[fw.id] = {
        title: fw.title,
        requirements: fw.requirements.map((req) => {
          const tally = this.reqTally.get(`${fw.id}\u0000${req.id}`) ?? emptyTally();
          const state = tally.failed > 0 ? 'failing' : tally.passed + tally.suppressed > 0 ? 'passing' : 'no-evidence';
          return {
            id: req.id,
            title: req.title,
            controls: this.catalog.controlsFor(fw.id, req.id).map((c) => c.id),
            tally,
            state,
          };
        }),
      };
    }
    r.unknownControls = [...this.unknown].sort();
    return r;
  }
}

export function sortedFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(compareFindings);
}

export function openFailures(findings: readonly Finding[]): Finding[] {
  return findings.filter(isOpenFailure);
}
