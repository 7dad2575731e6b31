import type { Catalog } from '../catalog/catalog.js';
import type { FrameworkId, Layer, Responsibility, Scope, View } from '../catalog/schema.js';
import { LAYERS, RESPONSIBILITIES, VIEWS } from '../catalog/schema.js';
import type { RegulatedVerdict, WorkloadProfile } from '../catalog/workload-profile.js';
import { compareFindings, type Finding, isOpenFailure, type Part } from './finding.js';

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

export function addToTally(t: Tally, f: Finding): void {
  if (f.suppression && f.status === 'fail') t.suppressed++;
  else if (f.status === 'fail') t.failed++;
  else if (f.status === 'pass') t.passed++;
  else if (f.status === 'skip') t.skipped++;
  else t.errors++;
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

/** Roll findings up along every catalog axis: layer, view, scope, responsibility, OWASP risk, framework requirement. */
export function rollup(findings: readonly Finding[], catalog: Catalog): Rollup {
  const r: Rollup = {
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
  const reqTally = new Map<string, Tally>();
  const unknown = new Set<string>();
  for (const f of findings) {
    addToTally(r.total, f);
    addToTally(r.bySeverity[f.severity]!, f);
    // A finding counts once per bucket even when several of its controls fall in it.
    const seen = new Set<string>();
    const once = (key: string, t: Tally | undefined) => {
      if (t && !seen.has(key)) {
        seen.add(key);
        addToTally(t, f);
      }
    };
    for (const cid of f.controls) {
      const c = catalog.control(cid);
      if (!c) {
        unknown.add(cid);
        continue;
      }
      once(`l:${c.layer}`, r.byLayer[c.layer]);
      once(`v:${c.view}`, r.byView[c.view]);
      once(`r:${c.responsibility}`, r.byResponsibility[c.responsibility]);
      for (const s of c.scopes) once(`s:${s}`, r.byScope[`${s}`]);
      for (const [fw, reqs] of Object.entries(c.mappings)) {
        for (const req of reqs ?? []) {
          const key = `${fw}\u0000${req}`;
          if (!reqTally.has(key)) reqTally.set(key, emptyTally());
          once(`q:${key}`, reqTally.get(key));
          if (fw === 'owasp-llm-2025') {
            r.byOwasp[req] ??= emptyTally();
            once(`o:${req}`, r.byOwasp[req]);
          }
        }
      }
    }
  }
  for (const fw of catalog.frameworks) {
    r.byFramework[fw.id] = {
      title: fw.title,
      requirements: fw.requirements.map((req) => {
        const tally = reqTally.get(`${fw.id}\u0000${req.id}`) ?? emptyTally();
        const state = tally.failed > 0 ? 'failing' : tally.passed + tally.suppressed > 0 ? 'passing' : 'no-evidence';
        return {
          id: req.id,
          title: req.title,
          controls: catalog.controlsFor(fw.id, req.id).map((c) => c.id),
          tally,
          state,
        };
      }),
    };
  }
  r.unknownControls = [...unknown].sort();
  return r;
}

export function sortedFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(compareFindings);
}

export function openFailures(findings: readonly Finding[]): Finding[] {
  return findings.filter(isOpenFailure);
}
