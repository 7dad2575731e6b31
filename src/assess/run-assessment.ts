import { existsSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { bundledCatalog } from '../catalog/catalog.js';
import { isRegulated, WorkloadProfileSchema } from '../catalog/workload-profile.js';
import { ASSESSMENT_SCHEMA_VERSION, type Assessment, type PartRun } from '../findings/assessment.js';
import { applyBaseline, BASELINE_FILE, type BaselineEntry, readBaseline } from '../findings/baseline.js';
import type { Finding, Severity } from '../findings/finding.js';
import { scanPaths } from '../posture/engine.js';
import { displayPath } from '../util/display-path.js';
import { UserError } from '../util/errors.js';
import { VERSION } from '../version.js';
import { governanceChecks } from './governance-checks.js';
import { guardCoverage } from './guard-coverage.js';
import { decideScope, inferScope } from './infer-scope.js';
import { loadStewardFile } from './steward-file.js';

export interface AssessOptions {
  /** Explicit baseline file; default: steward.yaml's `baseline`, else `.steward-baseline.json` in the folder. */
  baseline?: string;
  /** Paths in findings are relative to this; default: the current directory when the folder is inside it. */
  root?: string;
  onProgress?: (message: string) => void;
  now?: () => Date;
}

export interface AssessResult {
  assessment: Assessment;
  staleBaselineEntries: BaselineEntry[];
  baselineFile?: string;
  /** `failOn` from steward.yaml, if set. */
  failOn?: Severity;
}

const display = (p: string) => displayPath(p);

/** The main job: run every part that exists on a workload folder and build one Assessment. */
export function runAssessment(dirArg: string, opts: AssessOptions = {}): AssessResult {
  const now = opts.now ?? (() => new Date());
  const started = now();
  const dir = resolve(dirArg);
  let st: ReturnType<typeof statSync>;
  try {
    st = statSync(dir);
  } catch {
    throw new UserError(`${dirArg}: no such directory; pass the workload folder to assess`, dirArg);
  }
  if (!st.isDirectory()) throw new UserError(`${dirArg}: not a directory; pass the workload folder to assess`, dirArg);

  const stewardFile = loadStewardFile(dir, display(dir));
  const cwdRel = relative(process.cwd(), dir);
  const root = opts.root ?? (!cwdRel.startsWith('..') && !isAbsolute(cwdRel) ? process.cwd() : dir);
  const parts: PartRun[] = [];
  const findings: Finding[] = [];

  opts.onProgress?.('posture: scanning infrastructure as code');
  const t0 = performance.now();
  const scan = scanPaths([dir], { root });
  findings.push(...scan.findings);
  const s = scan.stats;
  parts.push({
    part: 'posture',
    status: s.parseErrors > 0 && s.templates === 0 ? 'error' : 'ok',
    durationMs: Math.round(performance.now() - t0),
    summary: `${s.templates} template(s), ${s.resources} resource(s), ${s.rules} rules${s.parseErrors ? `, ${s.parseErrors} file(s) failed to parse` : ''}`,
  });

  opts.onProgress?.('guard: checking the guard policy against the OWASP LLM Top 10');
  const guard = guardCoverage({
    dir,
    root,
    declaredPolicy: stewardFile.config.guard?.policy,
    workloadName: stewardFile.name,
    stewardFile: stewardFile.file,
    catalog: bundledCatalog(),
  });
  findings.push(...guard.findings);
  parts.push(guard.part);

  const profile = WorkloadProfileSchema.parse({ ...stewardFile.config.workload, name: stewardFile.name });
  const scope = decideScope(profile.scope, inferScope(scan.graph));
  const regulated = isRegulated(profile);

  opts.onProgress?.('governance: checking the workload profile');
  const t1 = performance.now();
  const gov = governanceChecks({ dir, profile, profileFile: stewardFile.file, scope, regulated });
  findings.push(...gov);
  parts.push({
    part: 'assess',
    status: 'ok',
    durationMs: Math.round(performance.now() - t1),
    summary: `${gov.length} governance check(s) on ${stewardFile.file ?? 'defaults (no steward.yaml)'}`,
  });

  let staleBaselineEntries: BaselineEntry[] = [];
  const declared = opts.baseline ?? (stewardFile.config.baseline ? join(dir, stewardFile.config.baseline) : undefined);
  const baselineFile = declared ?? (existsSync(join(dir, BASELINE_FILE)) ? join(dir, BASELINE_FILE) : undefined);
  if (baselineFile) {
    const shown = display(resolve(baselineFile));
    staleBaselineEntries = applyBaseline(findings, readBaseline(baselineFile), shown).stale;
  }

  return {
    assessment: {
      schemaVersion: ASSESSMENT_SCHEMA_VERSION,
      tool: { name: 'steward', version: VERSION },
      target: display(dir),
      startedAt: started.toISOString(),
      finishedAt: now().toISOString(),
      profile,
      scope,
      regulated,
      parts,
      findings,
    },
    staleBaselineEntries,
    baselineFile: baselineFile ? display(resolve(baselineFile)) : undefined,
    failOn: stewardFile.config.failOn,
  };
}
