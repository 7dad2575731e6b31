import { existsSync, readFileSync, statSync } from 'node:fs';
import type { Finding } from '../findings/finding.js';
import { type RenderedFindings, type RenderSpec, renderFindings } from '../findings/reporters/rendered-findings.js';
import { displayPath } from '../util/display-path.js';
import { errorMessage } from '../util/errors.js';
import type { Assumptions } from './conditions.js';
import { findReferenceCycles } from './cycles.js';
import type { DiscoveredFile } from './discover.js';
import {
  cycleFinding,
  loopNotExpandedFinding,
  nestedCycleFinding,
  nestedMissingFinding,
  parseErrorFinding,
  specFinding,
} from './engine-findings.js';
import { evaluateResources } from './evaluate.js';
import { ResourceGraph, type SourceFormat, type Template } from './graph.js';
import { type GraphSlice, sliceToText } from './graph-slice.js';
import type { Rule } from './rule.js';
import { SliceSpec, sliceResources } from './slice-spec.js';
import { parseCloudFormation, SourceParseError } from './sources/cloudformation.js';
import { localNestedTemplates, type PassedParameter } from './sources/nested-stacks.js';
import { looksLikeTerraformPlan, parseTerraformPlan } from './sources/terraform-plan.js';
import { specIndex } from './spec/spec-db.js';
import { validateResource } from './spec/validate.js';

/**
 * One unit of scanning work: a discovered file, parsed, its rules evaluated, plus any local nested-stack templates
 * it pulls in. Units are independent (a resource rule sees the template it is in), so they run in any order, in
 * any thread, and merge into the same result.
 */

export const DEFAULT_MAX_FILE_BYTES = 20 * 1024 * 1024;

/** Only complain about unparseable files that were meant to be templates. */
const TEMPLATE_HINT = /AWSTemplateFormatVersion|["']?Resources["']?\s*:/;

export interface UnitOptions {
  root: string;
  rules: readonly Rule[];
  includePassed: boolean;
  maxFileBytes: number;
  validateSpec: boolean;
  assume?: Assumptions;
  worldCap?: number;
  /** Absolute paths of every discovered file: nested templates among them are scanned as their own units. */
  discovered: ReadonlySet<string>;
  /** Keep parsed templates in the result (the in-process API returns the whole graph). */
  keepTemplates?: boolean;
  /** Print each template's findings for the json report (entries carry `rendered`, not `findings`). */
  render?: RenderSpec;
  /** Hand graph slices over as text (entries carry `sliceText`, not `slice`): a large scan keeps them until its end. */
  sliceText?: boolean;
}

/** The result for one template file (the unit's own file, or a nested template it loaded). */
export interface TemplateEntry {
  file: string;
  templates: number;
  resources: number;
  /** Set when the file could not be parsed (or read, or was too large). */
  error?: Finding;
  findings: Finding[];
  /** The findings (the error among them) printed, when the unit options ask for it; `findings` is empty then. */
  rendered?: RenderedFindings;
  slice?: GraphSlice;
  /** The slice as text (see sliceToText), when the unit options ask for it; `slice` is absent then. */
  sliceText?: string;
  template?: Template;
}

export interface UnitResult {
  entries: TemplateEntry[];
}

function displayOf(root: string, absolute: string): string {
  return displayPath(absolute, root);
}

interface Loaded {
  template?: Template;
  error?: Finding;
}

/** What a parent knows about a file it pulls in: CDK format and construct paths, values passed to parameters. */
interface ParseHints {
  format?: SourceFormat;
  constructPaths?: Record<string, string>;
  parameterValues?: Record<string, PassedParameter>;
}

/** Read and parse one file; every failure becomes an error finding for that file, never an exception. */
export function loadFile(
  absolute: string,
  display: string,
  opts: Pick<UnitOptions, 'maxFileBytes' | 'assume'>,
  parse: ParseHints = {},
): Loaded {
  let text: string;
  try {
    const size = statSync(absolute).size;
    if (size > opts.maxFileBytes) {
      return {
        error: parseErrorFinding(
          display,
          `file is too large: ${(size / 1048576).toFixed(1)} MB, over the ${opts.maxFileBytes / 1048576} MB limit; skipped`,
        ),
      };
    }
    text = readFileSync(absolute, 'utf8');
  } catch (e) {
    return { error: parseErrorFinding(display, `cannot read: ${errorMessage(e)}`) };
  }
  const isPlan = looksLikeTerraformPlan(text);
  try {
    const template = isPlan
      ? parseTerraformPlan(text, display, { path: absolute })
      : parseCloudFormation(text, display, { ...parse, assume: opts.assume });
    return template ? { template } : {};
  } catch (e) {
    if (e instanceof SourceParseError) {
      // A broken plan is as much an error as a broken template; other unparseable YAML/JSON is not ours.
      return isPlan || TEMPLATE_HINT.test(text) ? { error: parseErrorFinding(display, e.message, e.line) } : {};
    }
    // A bug or an exhausted resource while parsing this file must not end the scan of the others.
    return { error: parseErrorFinding(display, `cannot parse: ${errorMessage(e)}`) };
  }
}

/** Spec validation of a template's resources, in resource order. */
function specFindings(t: Template): Finding[] {
  if (t.format === 'terraform-plan') return [];
  // The CLI checks up front that the specification loads (see requireSpec), so a missing one is not repeated here.
  const spec = specIndex();
  if (!spec) return [];
  const out: Finding[] = [];
  for (const r of t.resources) for (const issue of validateResource(r, spec)) out.push(specFinding(r, issue));
  return out;
}

const sliceSpecs = new WeakMap<readonly Rule[], SliceSpec>();
function sliceSpecOf(rules: readonly Rule[]): SliceSpec {
  let s = sliceSpecs.get(rules);
  if (!s) {
    s = new SliceSpec(rules);
    sliceSpecs.set(rules, s);
  }
  return s;
}

/** Findings for one parsed template: reference cycles, rule verdicts, then spec validation. */
export function evaluateTemplate(t: Template, opts: UnitOptions): Finding[] {
  const graph = new ResourceGraph();
  graph.add(t);
  const out: Finding[] = [];
  // Terraform rejects cycles itself; folding split resources into their parent can create edges it never had.
  if (t.format !== 'terraform-plan')
    for (const cycle of findReferenceCycles(t.resources)) out.push(cycleFinding(t, cycle));
  out.push(
    ...evaluateResources(graph, opts.rules, {
      includePassed: opts.includePassed,
      worldCap: opts.worldCap,
      parameters: opts.assume?.parameters,
    }),
  );
  if (opts.validateSpec) out.push(...specFindings(t));
  return out;
}

/** Scan one discovered file and the local nested templates it names (each once, cycles reported). */
export function scanUnit(file: DiscoveredFile, opts: UnitOptions): UnitResult {
  const entries: TemplateEntry[] = [];
  const visited = new Set<string>([file.absolute]);
  const slicing = sliceSpecOf(opts.rules);
  const visit = (absolute: string, display: string, parse: ParseHints, chain: string[]) => {
    const loaded = loadFile(absolute, display, opts, parse);
    const entry: TemplateEntry = { file: display, templates: 0, resources: 0, findings: [] };
    entries.push(entry);
    if (loaded.error) entry.error = loaded.error;
    const t = loaded.template;
    if (!t) return;
    entry.templates = 1;
    entry.resources = t.resources.length;
    entry.findings = evaluateTemplate(t, opts);
    for (const s of t.skipped ?? [])
      if (s.id.startsWith('Fn::ForEach::')) entry.findings.push(loopNotExpandedFinding(t, s));
    const sliced = sliceResources(t.resources, slicing);
    const slice = { file: t.file, format: t.format, parameters: t.parameters, resources: sliced };
    if (opts.sliceText) entry.sliceText = sliceToText(slice);
    else entry.slice = slice;
    if (opts.keepTemplates) entry.template = t;
    const children: [string, string, Record<string, PassedParameter>][] = [];
    for (const n of localNestedTemplates(t, absolute)) {
      const shown = displayOf(opts.root, n.path);
      if (chain.includes(n.path) || n.path === absolute) {
        entry.findings.push(
          nestedCycleFinding(
            n.stack,
            [...chain, absolute, n.path].map((p) => displayOf(opts.root, p)),
          ),
        );
        continue;
      }
      // A child that is among the discovered files is scanned as its own unit; one seen already is not repeated.
      if (opts.discovered.has(n.path) || visited.has(n.path)) continue;
      if (!existsSync(n.path)) {
        entry.findings.push(nestedMissingFinding(n.stack, shown, n.property));
        continue;
      }
      visited.add(n.path);
      children.push([n.path, shown, n.parameters]);
    }
    // A child gets the values its parent passes (the first parent's, when two parents share it).
    for (const [path, shown, parameterValues] of children)
      visit(path, shown, { format: t.format === 'cdk' ? 'cdk' : undefined, parameterValues }, [...chain, absolute]);
  };
  visit(file.absolute, file.display, file.cdk ? { format: 'cdk', constructPaths: file.cdk.constructPaths } : {}, []);
  const render = opts.render;
  if (render)
    for (const e of entries) {
      e.rendered = renderFindings(e.error ? [e.error, ...e.findings] : e.findings, render);
      e.findings = [];
    }
  return { entries };
}
