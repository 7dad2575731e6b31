import type { Resource } from '../graph.js';
import { fail, pass, type RuleContext, type Verdict } from '../rule.js';
import { isIntrinsic } from '../sources/intrinsics.js';
import { asBool } from '../values.js';

type Params = Record<string, { Default?: unknown }>;

/** The Parameters of the template a resource came from. */
export function parametersOf(ctx: RuleContext, r: Resource): Params {
  return ctx.graph.templateOf(r)?.parameters ?? {};
}

const MAX_DEPTH = 8;

/** One value → every value it may take at deploy time: both branches of `Fn::If`, a parameter's default for `Ref`. */
function expand(v: unknown, params: Params, depth = 0): unknown[] {
  if (depth > MAX_DEPTH || !v || typeof v !== 'object' || Array.isArray(v)) return [v];
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length !== 1) return [v];
  const branches = o['Fn::If'];
  if (Array.isArray(branches) && branches.length === 3) {
    // The condition is not evaluated: a finding stands only when every branch fails.
    return [...expand(branches[1], params, depth + 1), ...expand(branches[2], params, depth + 1)];
  }
  if (typeof o.Ref === 'string') {
    if (o.Ref === 'AWS::NoValue') return [undefined];
    const p = params[o.Ref];
    if (p && 'Default' in p) return [p.Default];
  }
  return [v];
}

/**
 * Every value a property path may take, following `Fn::If` branches and parameter defaults at each step, so
 * `SSESpecification: !If [UseKms, {...}, !Ref AWS::NoValue]` yields both the configured and the missing value.
 */
export function valuesAt(ctx: RuleContext, r: Resource, path: readonly (string | number)[]): unknown[] {
  const params = parametersOf(ctx, r);
  let current = expand(r.properties, params);
  for (const key of path) {
    current = current.flatMap((c) =>
      c && typeof c === 'object' ? expand((c as Record<string | number, unknown>)[key], params) : [undefined],
    );
  }
  return current;
}

export type Outcome = 'pass' | 'fail' | 'unknown';

/**
 * Combine a test over every possible value: pass when some branch passes (a finding needs every branch to fail),
 * unknown when no branch passes but some cannot be decided (a value only known at deploy time), else fail.
 */
export function decide(values: readonly unknown[], test: (v: unknown) => boolean | undefined): Outcome {
  let unknown = false;
  for (const v of values) {
    const t = test(v);
    if (t === true) return 'pass';
    if (t === undefined) unknown = true;
  }
  return unknown ? 'unknown' : 'fail';
}

/** A boolean test with CloudFormation's rules: missing → the documented default, 'true'/'false' strings, intrinsics unknown. */
export function boolIs(want: boolean, whenMissing: boolean): (v: unknown) => boolean | undefined {
  return (v) => {
    if (v === undefined || v === null) return whenMissing === want;
    const b = asBool(v);
    if (b !== undefined) return b === want;
    return isIntrinsic(v) ? undefined : false;
  };
}

/**
 * Turn an outcome into a verdict; an undecidable value is reported as not evidenced here (skip), never as a pass.
 * The pass message may be left out where the caller has already handled the passing case.
 */
export function settle(
  outcome: Outcome,
  messages: { pass?: string; fail: string; unknown?: string },
  failExtra: Partial<Verdict> = {},
): Verdict {
  if (outcome === 'pass') return pass(messages.pass ?? '');
  if (outcome === 'fail') return fail(messages.fail, failExtra);
  return {
    status: 'skip',
    message:
      messages.unknown ??
      `The setting depends on a value only known at deploy time (not evidenced here). If it resolves otherwise: ${messages.fail}`,
    ...(failExtra.path ? { path: failExtra.path } : {}),
  };
}

const byTypeCache = new WeakMap<RuleContext['graph'], Map<string, Map<unknown, Resource[]>>>();

/** Resources of a type in the same template as `r`, indexed once per graph and type (no scan per resource). */
export function sameTemplate(ctx: RuleContext, r: Resource, type: string): Resource[] {
  let byType = byTypeCache.get(ctx.graph);
  if (!byType) {
    byType = new Map();
    byTypeCache.set(ctx.graph, byType);
  }
  let byTemplate = byType.get(type);
  if (!byTemplate) {
    byTemplate = new Map();
    for (const x of ctx.graph.ofType(type)) {
      const t = ctx.graph.templateOf(x);
      const list = byTemplate.get(t);
      if (list) list.push(x);
      else byTemplate.set(t, [x]);
    }
    byType.set(type, byTemplate);
  }
  return byTemplate.get(ctx.graph.templateOf(r)) ?? [];
}

const allCache = new WeakMap<RuleContext['graph'], Map<string, Resource[]>>();

/** Every resource of a type in the scan (account-wide settings such as registry scanning), listed once per graph. */
export function allOfType(ctx: RuleContext, type: string): Resource[] {
  let byType = allCache.get(ctx.graph);
  if (!byType) {
    byType = new Map();
    allCache.set(ctx.graph, byType);
  }
  let list = byType.get(type);
  if (!list) {
    list = ctx.graph.ofType(type);
    byType.set(type, list);
  }
  return list;
}
