import { readFileSync, statSync } from 'node:fs';
import type { Finding } from '../findings/finding.js';
import { errorMessage } from '../util/errors.js';
import { ruleDocsUrl } from '../util/project.js';
import { type DiscoveredFile, discoverTemplateFiles } from './discover.js';
import { type Resource, ResourceGraph, type Template } from './graph.js';
import { inlineSuppression } from './inline-suppressions.js';
import type { Rule, RuleContext, RuleMeta, Verdict } from './rule.js';
import { allRules } from './rules/index.js';
import { SourceParseError } from './sources/cloudformation.js';
import { parseSource } from './sources/index.js';
import { dig } from './values.js';

export interface ScanOptions {
  rules?: Rule[];
  /** Files above this size are reported as errors, not parsed. */
  maxFileBytes?: number;
  /** Root that file paths in findings are relative to. */
  root?: string;
  onProgress?: (done: number, total: number, file: string) => void;
}

export interface ScanResult {
  findings: Finding[];
  graph: ResourceGraph;
  stats: { files: number; templates: number; resources: number; rules: number; parseErrors: number };
}

const DEFAULT_MAX_FILE_BYTES = 20 * 1024 * 1024;

/** Only complain about unparseable files that were meant to be templates. */
const TEMPLATE_HINT = /AWSTemplateFormatVersion|["']?Resources["']?\s*:/;

function parseError(file: string, message: string, line?: number): Finding {
  return {
    ruleId: 'template-parse-error',
    title: 'Template could not be parsed',
    severity: 'high',
    status: 'error',
    message: `${file}${line ? `:${line}` : ''}: ${message}`,
    resource: { type: 'Steward::File', id: file, file, ...(line ? { line } : {}) },
    controls: [],
    part: 'posture',
  };
}

export function loadTemplates(files: DiscoveredFile[], opts: ScanOptions, errors: Finding[]): Template[] {
  const maxBytes = opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const templates: Template[] = [];
  files.forEach((f, i) => {
    opts.onProgress?.(i + 1, files.length, f.display);
    try {
      const size = statSync(f.absolute).size;
      if (size > maxBytes) {
        errors.push(
          parseError(
            f.display,
            `file is ${(size / 1048576).toFixed(1)} MB, over the ${maxBytes / 1048576} MB limit; skipped`,
          ),
        );
        return;
      }
      const text = readFileSync(f.absolute, 'utf8');
      const t = parseSource(text, f.display);
      if (t) templates.push(t);
    } catch (e) {
      if (e instanceof SourceParseError) {
        const text = safeRead(f.absolute);
        if (text === undefined || TEMPLATE_HINT.test(text)) errors.push(parseError(f.display, e.message, e.line));
      } else errors.push(parseError(f.display, `cannot read: ${errorMessage(e)}`));
    }
  });
  return templates;
}

function safeRead(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function contextFor(graph: ResourceGraph): RuleContext {
  const templateOf = new Map<string, Template>(graph.templates.map((t) => [t.file, t]));
  return {
    graph,
    value(resource, path) {
      const v = dig(resource.properties, path);
      const ref = v && typeof v === 'object' && !Array.isArray(v) ? (v as { Ref?: unknown }).Ref : undefined;
      if (typeof ref === 'string') {
        const param = templateOf.get(resource.position.file)?.parameters[ref];
        if (param && 'Default' in param) return param.Default;
      }
      return v;
    },
  };
}

function toFinding(rule: RuleMeta, v: Verdict, resource: Resource | undefined): Finding {
  const pos = resource ? (v.path ? resource.positionOf(v.path) : resource.position) : undefined;
  const f: Finding = {
    ruleId: rule.id,
    title: rule.title,
    severity: rule.severity,
    status: v.status,
    message: v.message,
    resource: resource
      ? {
          type: resource.sourceType ?? resource.type,
          id: resource.id,
          file: pos!.file,
          line: pos!.line,
          column: pos!.column,
          ...(resource.constructPath ? { path: resource.constructPath } : {}),
        }
      : { type: 'Steward::Account', id: 'account' },
    controls: rule.controls,
    part: 'posture',
    remediation: rule.remediation.text,
    docs: ruleDocsUrl(rule.id),
  };
  if (v.evidence) f.evidence = v.evidence;
  return f;
}

/** Run rules over a resource graph. Deterministic: findings follow file, resource and rule order. */
export function evaluate(graph: ResourceGraph, rules: Rule[]): Finding[] {
  const ctx = contextFor(graph);
  const findings: Finding[] = [];
  for (const resource of graph.resources) {
    for (const rule of rules) {
      if (rule.kind !== 'resource' || !rule.resourceTypes.includes(resource.type)) continue;
      let verdict: Verdict | undefined;
      try {
        verdict = rule.evaluate(resource, ctx);
      } catch (e) {
        findings.push({
          ...toFinding(rule, { status: 'fail', message: '' }, resource),
          status: 'error',
          message: `rule ${rule.id} crashed on ${resource.id}: ${errorMessage(e)}`,
        });
        continue;
      }
      if (!verdict) continue;
      const f = toFinding(rule, verdict, resource);
      if (f.status === 'fail') {
        const s = inlineSuppression(resource, rule);
        if (s.suppression) f.suppression = s.suppression;
        if (s.missingReason) f.message += ` [${s.missingReason}]`;
      }
      findings.push(f);
    }
  }
  // Account-level rules speak about the templates scanned; with no resources at all there is nothing to say.
  for (const rule of graph.resources.length ? rules : []) {
    if (rule.kind !== 'graph') continue;
    for (const v of rule.evaluateGraph(ctx)) findings.push(toFinding(rule, v, v.resource));
  }
  return findings;
}

/** Scan files and folders for templates and evaluate every rule. */
export function scanPaths(paths: readonly string[], opts: ScanOptions = {}): ScanResult {
  const files = discoverTemplateFiles(paths, opts.root);
  const errors: Finding[] = [];
  const templates = loadTemplates(files, opts, errors);
  const graph = new ResourceGraph();
  for (const t of templates) graph.add(t);
  const rules = opts.rules ?? allRules;
  const findings = [...errors, ...evaluate(graph, rules)];
  return {
    findings,
    graph,
    stats: {
      files: files.length,
      templates: templates.length,
      resources: graph.resources.length,
      rules: rules.length,
      parseErrors: errors.length,
    },
  };
}
