import { formatKey, joinAddress, parentModule, parseTraversal, type Step, splitModule } from './address.js';
import type { ConfigIndex } from './config.js';
import { isRec, strings } from './records.js';

/** A resource instance an expression refers to, with the attribute it reads (`arn`), if any. */
export interface Target {
  address: string;
  attr?: string;
  mode: 'managed' | 'data';
}

/** References inside an expression representation (`{ references: [...] }`). */
export function expressionRefs(expr: unknown): string[] {
  return isRec(expr) ? strings(expr.references) : [];
}

const name = (s: Step | undefined) => (s && 'name' in s ? s.name : undefined);
const key = (s: Step | undefined) => (s && 'key' in s ? s.key : undefined);
const NOT_RESOURCES = new Set(['local', 'each', 'count', 'path', 'terraform', 'self']);
const MAX_HOPS = 16;

/**
 * Turns configuration references (module-relative, e.g. `aws_kms_key.data.arn`, `var.bucket_id`,
 * `module.kb.bucket_arn`) into absolute instance addresses, following input variables up to the calling module
 * and outputs down into child modules.
 */
export class ReferenceResolver {
  private readonly byBase = new Map<string, string[]>();

  constructor(
    private readonly config: ConfigIndex,
    instances: readonly { address: string; base: string }[],
    private readonly moduleInstances: ReadonlySet<string>,
  ) {
    for (const i of instances) {
      const list = this.byBase.get(i.base);
      if (list) list.push(i.address);
      else this.byBase.set(i.base, [i.address]);
    }
  }

  resolve(refs: readonly string[], module: string): Target[] {
    const out = new Map<string, Target>();
    this.collect(refs, module, 0, out);
    return [...out.values()];
  }

  private collect(refs: readonly string[], module: string, hops: number, out: Map<string, Target>): void {
    if (hops > MAX_HOPS) return;
    for (const ref of refs) {
      const steps = parseTraversal(ref);
      const first = name(steps?.[0]);
      if (!steps || !first || NOT_RESOURCES.has(first)) continue;
      if (first === 'var') this.viaVariable(name(steps[1]), module, hops, out);
      else if (first === 'module') this.viaOutput(steps, module, hops, out);
      else if (first === 'data') this.add(steps.slice(1), module, 'data', out);
      else this.add(steps, module, 'managed', out);
    }
  }

  /** `var.x` inside a module: the expression the calling module passes for x. */
  private viaVariable(variable: string | undefined, module: string, hops: number, out: Map<string, Target>): void {
    const p = variable ? parentModule(module) : undefined;
    if (!p || !variable) return;
    const expr = this.config.moduleArgument(callPathOf(p.parent), p.call, variable);
    this.collect(expressionRefs(expr), p.parent, hops + 1, out);
  }

  /** `module.c.out` or `module.c["k"].out`: the output's expression inside each matching child instance. */
  private viaOutput(steps: Step[], module: string, hops: number, out: Map<string, Target>): void {
    const call = name(steps[1]);
    const k = key(steps[2]);
    const output = name(steps[k === undefined ? 2 : 3]);
    if (!call || !output) return;
    const prefix = joinAddress(module, `module.${call}`);
    const children =
      k !== undefined
        ? [prefix + formatKey(k)]
        : [...this.moduleInstances].filter((m) => m === prefix || m.startsWith(`${prefix}[`));
    if (children.length === 0) children.push(prefix);
    const childCallPath = callPathOf(module) ? `${callPathOf(module)}/${call}` : call;
    const expr = this.config.output(childCallPath, output);
    for (const child of children) this.collect(expressionRefs(expr), child, hops + 1, out);
  }

  /** `type.name[key]?.attr?` → the matching instances of that resource in the module. */
  private add(steps: Step[], module: string, mode: Target['mode'], out: Map<string, Target>): void {
    const type = name(steps[0]);
    const rname = name(steps[1]);
    if (!type || !rname) return;
    const k = key(steps[2]);
    const attr = name(steps[k === undefined ? 2 : 3]);
    const base = joinAddress(module, `${mode === 'data' ? 'data.' : ''}${type}.${rname}`);
    const all = this.byBase.get(base) ?? [];
    const chosen = k === undefined ? all : all.filter((a) => a === base + formatKey(k));
    for (const address of chosen) {
      const prev = out.get(address);
      if (!prev || (!prev.attr && attr)) out.set(address, { address, mode, ...(attr ? { attr } : {}) });
    }
  }
}

const callPaths = new Map<string, string>();

/** `module.a[0].module.b` → `a/b`. */
function callPathOf(instance: string): string {
  if (!instance) return '';
  let p = callPaths.get(instance);
  if (p === undefined) {
    const steps = parseTraversal(instance);
    p = steps ? splitModule(steps).callPath : '';
    if (callPaths.size > 10_000) callPaths.clear();
    callPaths.set(instance, p);
  }
  return p;
}
