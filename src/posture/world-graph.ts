import type { World } from './conditions.js';
import { type Resource, ResourceGraph, type Template } from './graph.js';
import { type Chooser, ifConditions, rawPathOf, resolveProperties } from './variants.js';

const variants = new WeakSet<Resource>();

/** Conditions tested by `Fn::If`s in a resource's properties as written (cached: rules ask per resource). */
const ifCache = new WeakMap<Resource, ReadonlySet<string>>();
export function ifConditionsOf(r: Resource): ReadonlySet<string> {
  let s = ifCache.get(r);
  if (!s) {
    s = r.raw ? ifConditions(r.raw.properties) : new Set<string>();
    ifCache.set(r, s);
  }
  return s;
}

/** A chooser for one world: its own values first, then what the template knows statically. */
export function worldChooser(template: Template, world: World): Chooser {
  const model = template.conditionModel;
  return (name) => world.values.get(name) ?? model?.staticValue(name);
}

/**
 * The graph as it is in one world (one truth value per undecided condition): resources of the world's template
 * have their `Fn::If`s decided, and those whose own Condition is false here are gone. Rules read it through the
 * ordinary ResourceGraph API, so following an edge (a bucket's policy) sees the same branch as the resource itself.
 */
export class WorldGraph extends ResourceGraph {
  private readonly cache = new Map<Resource, Resource | null>();
  private all: Resource[] | undefined;

  constructor(
    private readonly base: ResourceGraph,
    private readonly template: Template,
    private readonly choose: Chooser,
  ) {
    super();
  }

  /** The resource as it is in this world; undefined when its own Condition is false here. */
  resolve(r: Resource): Resource | undefined {
    const original = this.original(r);
    const hit = this.cache.get(original);
    if (hit !== undefined) return hit ?? undefined;
    const v = this.build(original);
    this.cache.set(original, v ?? null);
    return v;
  }

  override get resources(): Resource[] {
    this.all ??= this.base.resources.map((r) => this.resolve(r)).filter((r): r is Resource => !!r);
    return this.all;
  }

  override get templates(): Template[] {
    return this.base.templates;
  }

  override get(from: Resource | string, id: string): Resource | undefined {
    const r = this.base.get(typeof from === 'string' ? from : this.original(from), id);
    return r && this.resolve(r);
  }

  override referencing(target: Resource, type?: string): Resource[] {
    return this.live(this.base.referencing(this.original(target), type));
  }

  override ofType(...types: string[]): Resource[] {
    return this.live(this.base.ofType(...types));
  }

  override templateOf(r: Resource): Template | undefined {
    return this.base.templateOf(this.original(r));
  }

  private live(list: Resource[]): Resource[] {
    const out: Resource[] = [];
    for (const r of list) {
      const v = this.resolve(r);
      if (v) out.push(v);
    }
    return out;
  }

  /** Variants are prototype-linked to the resource they were made from. */
  private original(r: Resource): Resource {
    return variants.has(r) ? (Object.getPrototypeOf(r) as Resource) : r;
  }

  private build(r: Resource): Resource | undefined {
    if (this.base.templateOf(r) !== this.template) return r;
    if (r.condition && this.choose(r.condition) === false) return undefined;
    const raw = r.raw;
    if (!raw) return r;
    const decided = [...ifConditionsOf(r)].some((c) => this.choose(c) !== undefined);
    if (!decided) return r;
    const choose = this.choose;
    const properties = resolveProperties(raw.properties, choose);
    const v = Object.create(r, {
      properties: { value: properties, enumerable: true },
      positionOf: {
        value: (path: readonly (string | number)[]) => raw.positionAt(rawPathOf(raw.properties, path, choose)),
        enumerable: true,
      },
    }) as Resource;
    variants.add(v);
    return v;
  }
}
