import type { Resource } from './graph.js';
import { type DetachedResource, detach } from './graph-slice.js';
import type { Rule } from './rule.js';

/** What a detached resource keeps of its properties: all, the named top-level ones, or none. */
export type PropertyKeep = '*' | ReadonlySet<string> | 'none';

/**
 * Which resources graph rules read and how much of their properties, by type: the union over every graph rule of
 * its `reads` (a rule without `reads` reads every property of its types). A type ending in `::*` (`Custom::*`)
 * stands for every type with that prefix. Types no graph rule names are not read.
 */
export class SliceSpec {
  private readonly exact = new Map<string, PropertyKeep>();
  private readonly prefixes: [string, PropertyKeep][] = [];
  private readonly resolved = new Map<string, PropertyKeep | undefined>();

  constructor(rules: readonly Rule[]) {
    const merge = (type: string, keep: PropertyKeep) => {
      const had = this.exact.get(type);
      if (had === '*' || keep === '*') this.exact.set(type, '*');
      else if (had === undefined || had === 'none') this.exact.set(type, keep);
      else if (keep !== 'none') this.exact.set(type, new Set([...had, ...keep]));
    };
    for (const rule of rules) {
      if (rule.kind !== 'graph') continue;
      const reads = rule.reads;
      for (const type of rule.resourceTypes) {
        const r = reads ? reads[type] : '*';
        merge(type, r === undefined ? 'none' : r === '*' ? '*' : new Set(r));
      }
      for (const [type, r] of Object.entries(reads ?? {})) merge(type, r === '*' ? '*' : new Set(r));
    }
    for (const [type, keep] of this.exact) if (type.endsWith('::*')) this.prefixes.push([type.slice(0, -1), keep]);
  }

  /** What a resource of `type` keeps; undefined when no graph rule reads the type. */
  get(type: string): PropertyKeep | undefined {
    if (this.resolved.has(type)) return this.resolved.get(type);
    let keep = this.exact.get(type);
    for (const [prefix, k] of this.prefixes) {
      if (!type.startsWith(prefix)) continue;
      keep = keep === undefined ? k : widest(keep, k);
    }
    this.resolved.set(type, keep);
    return keep;
  }

  /** Every type and pattern named, with what it keeps. */
  entries(): IterableIterator<[string, PropertyKeep]> {
    return this.exact.entries();
  }
}

function widest(a: PropertyKeep, b: PropertyKeep): PropertyKeep {
  if (a === '*' || b === '*') return '*';
  if (a === 'none') return b;
  if (b === 'none') return a;
  return new Set([...a, ...b]);
}

/** The resources of `resources` graph rules read, detached as `spec` says (see detach). */
export function sliceResources(resources: readonly Resource[], spec: SliceSpec): DetachedResource[] {
  const out: DetachedResource[] = [];
  for (const r of resources) {
    const keep = spec.get(r.type);
    if (keep) out.push(detach(r, keep));
  }
  return out;
}
