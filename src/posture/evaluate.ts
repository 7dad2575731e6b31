import type { Finding } from '../findings/finding.js';
import { errorMessage } from '../util/errors.js';
import { ruleDocsUrl } from '../util/project.js';
import { DEFAULT_WORLD_CAP, type World, type WorldSet } from './conditions.js';
import type { Resource, ResourceGraph, Template } from './graph.js';
import { inlineSuppression } from './inline-suppressions.js';
import type { GraphRule, ResourceRule, Rule, RuleContext, RuleMeta, Verdict } from './rule.js';
import { dig } from './values.js';
import { ifConditionsOf, WorldGraph, worldChooser } from './world-graph.js';

export interface EvaluateOptions {
  /** Build findings for passing (rule, resource) pairs too. Default true. */
  includePassed?: boolean;
  /** Most condition combinations evaluated per resource (default 32); beyond it the result says so. */
  worldCap?: number;
  /** Parameter values the user pinned; `ctx.value` prefers them to defaults. */
  parameters?: Record<string, string>;
}

/** Resource rules indexed by type, built once per rule list: the loop asks per resource, not per rule. */
const indexCache = new WeakMap<readonly Rule[], Map<string, ResourceRule[]>>();
function rulesByType(rules: readonly Rule[]): Map<string, ResourceRule[]> {
  let index = indexCache.get(rules);
  if (!index) {
    index = new Map();
    for (const rule of rules) {
      if (rule.kind !== 'resource') continue;
      for (const t of new Set(rule.resourceTypes)) {
        const list = index.get(t);
        if (list) list.push(rule);
        else index.set(t, [rule]);
      }
    }
    indexCache.set(rules, index);
  }
  return index;
}

export function contextFor(graph: ResourceGraph, parameters: Record<string, string> = {}): RuleContext {
  return {
    graph,
    value(resource, path) {
      const v = dig(resource.properties, path);
      const ref = v && typeof v === 'object' && !Array.isArray(v) ? (v as { Ref?: unknown }).Ref : undefined;
      if (typeof ref === 'string') {
        if (Object.hasOwn(parameters, ref)) return parameters[ref];
        const param = graph.templateOf(resource)?.parameters[ref];
        if (param && 'Default' in param) return param.Default;
      }
      return v;
    },
  };
}

/** Documentation links, one string per rule rather than one per finding. */
const docsCache = new Map<string, string>();
const docsOf = (id: string) => docsCache.get(id) ?? docsCache.set(id, ruleDocsUrl(id)).get(id)!;

function resourceRef(resource: Resource | undefined, v: Verdict): Finding['resource'] {
  if (!resource) return { type: 'Steward::Account', id: 'account' };
  const pos = v.path ? resource.positionOf(v.path) : resource.position;
  const ref: Finding['resource'] = {
    type: resource.sourceType ?? resource.type,
    id: resource.id,
    file: pos.file,
    line: pos.line,
    column: pos.column,
  };
  if (resource.constructPath) ref.path = resource.constructPath;
  return ref;
}

export function toFinding(rule: RuleMeta, v: Verdict, resource: Resource | undefined): Finding {
  const f: Finding = {
    ruleId: rule.id,
    title: rule.title,
    severity: rule.severity,
    status: v.status,
    message: v.message,
    resource: resourceRef(resource, v),
    controls: rule.controls,
    part: 'posture',
    remediation: rule.remediation.text,
    docs: docsOf(rule.id),
  };
  if (v.evidence) f.evidence = v.evidence;
  return f;
}

/** The undecided conditions that matter to a resource: its own and those of the resources it is linked to. */
function worldsFor(
  resource: Resource,
  graph: ResourceGraph,
  cap: number,
): { set: WorldSet; template: Template } | undefined {
  const template = graph.templateOf(resource);
  const model = template?.conditionModel;
  if (!template || !model || model.unknownNames.length === 0) return undefined;
  const names = new Set<string>();
  const addFrom = (r: Resource) => {
    for (const c of ifConditionsOf(r)) names.add(c);
    if (r.condition) names.add(r.condition);
  };
  addFrom(resource);
  for (const id of resource.refs) {
    const target = graph.get(resource, id);
    if (target) addFrom(target);
  }
  for (const r of graph.referencing(resource)) addFrom(r);
  const set = model.worlds(names, cap);
  return set.worlds.length ? { set, template } : undefined;
}

interface Outcome {
  verdict: Verdict;
  subject: Resource;
}

interface WorldOutcome extends Outcome {
  world: World;
}

const worldKey = (w: World) => [...w.values].map(([n, v]) => `${n}=${v ? 1 : 0}`).join(',');

/** Wording for the worlds where a rule fails, as small as the data allows ("condition IsProd is false"). */
function explain(fails: World[], all: World[]): string {
  const names = [...(all[0]?.values.keys() ?? [])];
  for (const n of names) {
    const v = fails[0]!.values.get(n);
    if (fails.every((w) => w.values.get(n) === v) && all.every((w) => w.values.get(n) !== v || fails.includes(w)))
      return `condition ${n} is ${v}`;
  }
  const varying = names.filter((n) => new Set(all.map((w) => w.values.get(n))).size > 1);
  const shown = fails.slice(0, 3).map((w) => varying.map((n) => `${n} is ${w.values.get(n)}`).join(' and '));
  const more = fails.length > 3 ? `; and ${fails.length - 3} more combination(s)` : '';
  return `${shown.join('; or when ')}${more}`;
}

const asObject = (w: World) => Object.fromEntries(w.values);

/**
 * Combine one rule's verdicts over the worlds a resource exists in: all pass → pass; all fail → fail; mixed →
 * fail, naming the condition values under which it fails (pin them with --condition / --parameter to decide).
 */
function mergeWorlds(results: WorldOutcome[], all: World[], truncated: boolean): Outcome | undefined {
  if (results.length === 0) return undefined;
  const fails = results.filter((r) => r.verdict.status === 'fail');
  const note = truncated ? ` [only the first ${all.length} combinations of conditions were evaluated]` : '';
  if (fails.length === 0) return results[0];
  const first = fails[0]!;
  if (fails.length === results.length) {
    return note ? { ...first, verdict: { ...first.verdict, message: first.verdict.message + note } } : first;
  }
  const failWorlds = fails.map((f) => f.world);
  const passWorlds = results.filter((r) => r.verdict.status !== 'fail').map((r) => r.world);
  const evaluated = results.map((r) => r.world);
  return {
    subject: first.subject,
    verdict: {
      ...first.verdict,
      message: `${first.verdict.message} [fails when ${explain(failWorlds, evaluated)}]${note}`,
      evidence: {
        ...first.verdict.evidence,
        conditions: { failsWhen: failWorlds.map(asObject), passesWhen: passWorlds.map(asObject) },
      },
    },
  };
}

/** A failing finding about a resource takes the resource's inline suppression, or says why one was refused. */
function withInlineSuppression(f: Finding, resource: Resource, rule: RuleMeta): Finding {
  if (f.status !== 'fail') return f;
  const s = inlineSuppression(resource, rule);
  if (s.suppression) f.suppression = s.suppression;
  if (s.missingReason) f.message += ` [${s.missingReason}]`;
  return f;
}

function crashFinding(rule: RuleMeta, resource: Resource | undefined, e: unknown): Finding {
  return {
    ...toFinding(rule, { status: 'fail', message: '' }, resource),
    status: 'error',
    message: `rule ${rule.id} crashed${resource ? ` on ${resource.id}` : ''}: ${errorMessage(e)}`,
  };
}

/**
 * Run the resource rules over a graph. Deterministic: findings follow resource order, then rule order. A resource
 * whose properties (or linked resources) depend on undecided conditions is evaluated once per world and the
 * verdicts merged (see mergeWorlds).
 */
export function evaluateResources(graph: ResourceGraph, rules: readonly Rule[], opts: EvaluateOptions = {}): Finding[] {
  const index = rulesByType(rules);
  const includePassed = opts.includePassed ?? true;
  const cap = opts.worldCap ?? DEFAULT_WORLD_CAP;
  const ctx = contextFor(graph, opts.parameters);
  const views = new Map<string, { view: WorldGraph; ctx: RuleContext }>();
  const viewFor = (template: Template, world: World) => {
    const key = `${template.file}\u0000${worldKey(world)}`;
    let v = views.get(key);
    if (!v) {
      const view = new WorldGraph(graph, template, worldChooser(template, world));
      v = { view, ctx: contextFor(view, opts.parameters) };
      views.set(key, v);
    }
    return v;
  };
  const findings: Finding[] = [];
  for (const resource of graph.resources) {
    const applicable = index.get(resource.type);
    if (!applicable) continue;
    const worlds = worldsFor(resource, graph, cap);
    for (const rule of applicable) {
      let outcome: Outcome | undefined;
      try {
        if (!worlds) {
          const verdict = rule.evaluate(resource, ctx);
          outcome = verdict && { verdict, subject: resource };
        } else {
          const results: WorldOutcome[] = [];
          for (const world of worlds.set.worlds) {
            const { view, ctx: wctx } = viewFor(worlds.template, world);
            const subject = view.resolve(resource);
            if (!subject) continue; // the resource does not exist in this world
            const verdict = rule.evaluate(subject, wctx);
            if (verdict) results.push({ verdict, subject, world });
          }
          outcome = mergeWorlds(results, worlds.set.worlds, worlds.set.truncated);
        }
      } catch (e) {
        findings.push(crashFinding(rule, resource, e));
        continue;
      }
      if (!outcome) continue;
      if (outcome.verdict.status === 'pass' && !includePassed) continue;
      findings.push(withInlineSuppression(toFinding(rule, outcome.verdict, outcome.subject), resource, rule));
    }
  }
  return findings;
}

/**
 * Run the graph (account-level) rules. They speak about the templates scanned, so with no resources at all there
 * is nothing to say. A graph rule reads only resources of its declared types: the parallel scanner ships only those.
 * A failing verdict that names a resource honours that resource's inline suppressions, as resource rules do.
 */
export function evaluateGraphRules(
  graph: ResourceGraph,
  rules: readonly Rule[],
  anyResources: boolean,
  opts: EvaluateOptions = {},
): Finding[] {
  if (!anyResources) return [];
  const includePassed = opts.includePassed ?? true;
  const ctx = contextFor(graph, opts.parameters);
  const findings: Finding[] = [];
  for (const rule of rules) {
    if (rule.kind !== 'graph') continue;
    let verdicts: ReturnType<GraphRule['evaluateGraph']>;
    try {
      verdicts = rule.evaluateGraph(ctx);
    } catch (e) {
      findings.push(crashFinding(rule, undefined, e));
      continue;
    }
    for (const v of verdicts) {
      if (v.status === 'pass' && !includePassed) continue;
      const f = toFinding(rule, v, v.resource);
      findings.push(v.resource ? withInlineSuppression(f, v.resource, rule) : f);
    }
  }
  return findings;
}

/** Run every rule over a graph: resource rules (resource order, then rule order), then graph rules. */
export function evaluate(graph: ResourceGraph, rules: readonly Rule[], opts: EvaluateOptions = {}): Finding[] {
  return [
    ...evaluateResources(graph, rules, opts),
    ...evaluateGraphRules(graph, rules, graph.resources.length > 0, opts),
  ];
}
