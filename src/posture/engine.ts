import { availableParallelism } from 'node:os';
import type { Finding } from '../findings/finding.js';
import {
  type RenderedFindings,
  type RenderSpec,
  renderedCount,
  renderFindings,
} from '../findings/reporters/rendered-findings.js';
import type { Assumptions } from './conditions.js';
import { type DiscoveredFile, discoverTemplateFiles } from './discover.js';
import { evaluateGraphRules } from './evaluate.js';
import { ResourceGraph, type Template } from './graph.js';
import { type GraphSlice, sliceFromText } from './graph-slice.js';
import type { Rule } from './rule.js';
import { allRules } from './rules/index.js';
import { DEFAULT_MAX_FILE_BYTES, scanUnit, type UnitOptions, type UnitResult } from './scan-unit.js';
import { defaultWorkerScript, runInWorkers } from './workers/pool.js';

export { contextFor, type EvaluateOptions, evaluate, evaluateGraphRules, evaluateResources } from './evaluate.js';

export interface ScanCounts {
  templates: number;
  resources: number;
  findings: number;
}

export interface ScanOptions {
  rules?: Rule[];
  /** Files above this size are reported as errors, not parsed. */
  maxFileBytes?: number;
  /** Root that file paths in findings are relative to. */
  root?: string;
  /** Called after each discovered file is scanned, with running totals. */
  onProgress?: (done: number, total: number, file: string, counts: ScanCounts) => void;
  /** Build findings for passing (rule, resource) pairs. Default true. */
  includePassed?: boolean;
  /** Conditions and parameters to treat as decided (`--condition`, `--parameter`). */
  assume?: Assumptions;
  /** Check properties against the CloudFormation resource specification (loads it: ~0.3 s per process). */
  validateSpec?: boolean;
  /** Most condition combinations evaluated per resource. */
  worldCap?: number;
  /** `scan()` only: worker threads; 1 = in-process; default: one per CPU for large trees. */
  jobs?: number;
  /**
   * Called with every finding of the result exactly once, as soon as it is merged: template by template in file
   * order (parse errors with their file), then the graph rules'. Lets a reporter do its work while the scan runs.
   */
  onFindings?: (findings: readonly Finding[]) => void;
  /**
   * Print findings for the json report where they are found (worker threads included) and hand them over printed,
   * to `onRendered`, instead of to `onFindings`. The result's `findings` is empty then: a million findings are not
   * held until the end.
   */
  render?: RenderSpec;
  onRendered?: (rendered: RenderedFindings) => void;
  /** `scan()` only: the compiled worker script (tests point at dist/); default: the one beside this module. */
  workerScript?: URL | string;
}

export interface ScanResult {
  findings: Finding[];
  /**
   * `scanPaths`: every template scanned. `scan`: only the resources graph rules read (templates are dropped as
   * soon as they are evaluated, so a large tree does not sit in memory).
   */
  graph: ResourceGraph;
  stats: {
    files: number;
    templates: number;
    resources: number;
    rules: number;
    parseErrors: number;
    /** Worker threads used (1 = in-process). */
    jobs: number;
  };
}

/** Below this many files a scan without `jobs` stays in-process: starting workers costs more than it saves. */
const MIN_FILES_FOR_DEFAULT_WORKERS = 64;

function unitOptions(files: readonly DiscoveredFile[], opts: ScanOptions, keepTemplates: boolean): UnitOptions {
  return {
    root: opts.root ?? process.cwd(),
    rules: opts.rules ?? allRules,
    includePassed: opts.includePassed ?? true,
    maxFileBytes: opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
    validateSpec: opts.validateSpec ?? false,
    assume: opts.assume,
    worldCap: opts.worldCap,
    discovered: new Set(files.map((f) => f.absolute)),
    keepTemplates,
    render: opts.render,
    // The in-process API returns the graph; a scan keeps only what graph rules read, as text until it ends.
    sliceText: !keepTemplates,
  };
}

/**
 * Merges unit results in file order: parse errors first, then every template's findings, then the graph rules over
 * all templates. A nested template loaded by two parents is counted once (the first, in file order). Units may
 * arrive in any order (worker threads): each is merged as soon as every unit before it is in, so indexing the
 * graph rules' resources overlaps the scan instead of following it. The result is the same whichever thread
 * scanned which unit.
 */
class UnitMerger {
  private readonly seen = new Set<string>();
  private readonly errors: Finding[] = [];
  private readonly findings: Finding[] = [];
  private readonly slices = new ResourceGraph();
  private readonly full = new ResourceGraph();
  private templates = 0;
  private resources = 0;
  private parseErrors = 0;
  /**
   * What graph rules read of each template, in merge order, added to their graph when the scan ends: as text
   * (see sliceToText) in a scan, which holds no object of it until then.
   */
  private readonly pendingSlices: (string | GraphSlice)[] = [];
  /** Units received but not merged yet (an earlier one is missing), by file index. */
  private readonly waiting = new Map<number, UnitResult>();
  private readonly received: Uint8Array;
  private next = 0;

  private readonly onFindings: ScanOptions['onFindings'];
  private readonly onRendered: ScanOptions['onRendered'];
  /** Keep findings for the result (not when they are printed as they come). */
  private readonly retain: boolean;

  constructor(
    total: number,
    private readonly opts: UnitOptions,
    scanOptions: ScanOptions,
  ) {
    this.received = new Uint8Array(total);
    this.onFindings = scanOptions.onFindings;
    this.onRendered = scanOptions.onRendered;
    this.retain = !scanOptions.render;
  }

  /** A unit's result (once per index; a repeat is ignored). */
  offer(index: number, unit: UnitResult): void {
    if (this.received[index]) return;
    this.received[index] = 1;
    this.waiting.set(index, unit);
    for (let u = this.waiting.get(this.next); u; u = this.waiting.get(this.next)) {
      this.waiting.delete(this.next);
      this.next++;
      this.take(u);
    }
  }

  private take(unit: UnitResult): void {
    for (const e of unit.entries) {
      if (this.seen.has(e.file)) continue;
      this.seen.add(e.file);
      if (e.error) {
        this.parseErrors++;
        if (this.retain) this.errors.push(e.error);
        if (!e.rendered) this.onFindings?.([e.error]);
      }
      if (e.rendered) {
        if (e.rendered.runs.length > 0) this.onRendered?.(e.rendered);
      } else {
        if (this.retain) for (const f of e.findings) this.findings.push(f);
        if (e.findings.length > 0) this.onFindings?.(e.findings);
      }
      this.templates += e.templates;
      this.resources += e.resources;
      const slice = e.sliceText ?? e.slice;
      if (slice !== undefined) this.pendingSlices.push(slice);
      if (e.template) this.full.add(e.template);
    }
  }

  /** Run the graph rules over every merged unit (every index must have been offered). */
  finish(jobs: number): ScanResult {
    const opts = this.opts;
    for (const p of this.pendingSlices) {
      const s = typeof p === 'string' ? sliceFromText(p) : p;
      this.slices.add({ ...s, conditions: {}, mappings: {} } satisfies Template);
    }
    this.pendingSlices.length = 0;
    const graphFindings = evaluateGraphRules(this.slices, opts.rules, this.resources > 0, {
      includePassed: opts.includePassed,
      parameters: opts.assume?.parameters,
    });
    if (opts.render) {
      const printed = renderFindings(graphFindings, opts.render);
      if (printed.runs.length > 0) this.onRendered?.(printed);
    } else if (graphFindings.length > 0) this.onFindings?.(graphFindings);
    const findings = this.errors;
    for (const f of this.findings) findings.push(f);
    if (this.retain) for (const f of graphFindings) findings.push(f);
    return {
      findings,
      graph: opts.keepTemplates ? this.full : this.slices,
      stats: {
        files: this.seen.size,
        templates: this.templates,
        resources: this.resources,
        rules: opts.rules.length,
        parseErrors: this.parseErrors,
        jobs,
      },
    };
  }
}

function progress(opts: ScanOptions, total: number) {
  const counts: ScanCounts = { templates: 0, resources: 0, findings: 0 };
  let done = 0;
  return (file: DiscoveredFile, unit: UnitResult) => {
    done++;
    for (const e of unit.entries) {
      counts.templates += e.templates;
      counts.resources += e.resources;
      counts.findings += e.rendered ? renderedCount(e.rendered) : e.findings.length + (e.error ? 1 : 0);
    }
    opts.onProgress?.(done, total, file.display, { ...counts });
  };
}

/** Scan files and folders for templates and evaluate every rule, in-process. Returns every template's graph. */
export function scanPaths(paths: readonly string[], opts: ScanOptions = {}): ScanResult {
  const files = discoverTemplateFiles(paths, opts.root);
  const uo = unitOptions(files, opts, true);
  const tick = progress(opts, files.length);
  const merger = new UnitMerger(files.length, uo, opts);
  files.forEach((f, i) => {
    const u = scanUnit(f, uo);
    tick(f, u);
    merger.offer(i, u);
  });
  return merger.finish(1);
}

/**
 * Scan on `jobs` threads (default: one per CPU when the tree is large): `jobs - 1` worker threads plus this one.
 * Output is identical for any number of jobs. Scans in-process when the compiled worker is not available (running
 * from the TypeScript sources) or when custom rules are given (a rule cannot be sent to a worker, only named).
 */
export async function scan(paths: readonly string[], opts: ScanOptions = {}): Promise<ScanResult> {
  const files = discoverTemplateFiles(paths, opts.root);
  const uo = unitOptions(files, opts, false);
  const tick = progress(opts, files.length);
  const explicit = opts.jobs !== undefined;
  let jobs = Math.max(1, Math.floor(opts.jobs ?? availableParallelism()));
  if (!explicit && files.length < MIN_FILES_FOR_DEFAULT_WORKERS) jobs = 1;
  jobs = Math.min(jobs, Math.max(1, files.length));
  const script = opts.workerScript ?? defaultWorkerScript();
  const namedRules = uo.rules.every((r) => allRules.includes(r));
  const merger = new UnitMerger(files.length, uo, opts);
  if (jobs <= 1 || !script || !namedRules) {
    files.forEach((f, i) => {
      const u = scanUnit(f, uo);
      tick(f, u);
      merger.offer(i, u);
    });
    return merger.finish(1);
  }
  await runInWorkers(
    files,
    {
      root: uo.root,
      ruleIds: uo.rules.map((r) => r.id),
      includePassed: uo.includePassed,
      maxFileBytes: uo.maxFileBytes,
      validateSpec: uo.validateSpec,
      assume: uo.assume,
      worldCap: uo.worldCap,
      discovered: [...uo.discovered],
      render: uo.render,
    },
    jobs,
    script,
    (f) => scanUnit(f, uo),
    (i, u) => {
      tick(files[i]!, u);
      merger.offer(i, u);
    },
  );
  return merger.finish(jobs);
}
