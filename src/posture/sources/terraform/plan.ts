import { joinAddress, parseTraversal, splitModule } from './address.js';
import { ConfigIndex } from './config.js';
import { AddressPositions } from './positions.js';
import { isRec, list, type Rec, rec, str, strings } from './records.js';
import { expressionRefs, ReferenceResolver, type Target } from './references.js';
import { substituteRefs } from './substitute.js';
import { isExpression, overlayUnknown, redactSensitive } from './unknown.js';

/** One resource instance of the plan, with its values made ready for mapping. */
export interface TfResource {
  address: string;
  mode: 'managed' | 'data';
  type: string;
  name: string;
  index?: string | number;
  /** Module instance address, '' for the root module. */
  module: string;
  /** Planned values as the plan gives them (unknown values absent). */
  raw: Rec;
  /** Planned values with unknown markers and reference intrinsics. */
  values: Rec;
  /** Configuration block expressions, when the plan carries the configuration. */
  expressions?: Rec;
  /** Managed resources this one references (configuration references and depends_on). */
  refs: string[];
  dependsOn: string[];
  /** Planned actions (`create`, `update`, `no-op`…), when resource_changes lists them. */
  actions: string[];
  provider?: string;
}

interface Draft {
  address: string;
  mode: 'managed' | 'data';
  type: string;
  name: string;
  index?: string | number;
  module: string;
  callPath: string;
  raw: Rec;
  /** The plan's map of sensitive values (`sensitive_values` / `after_sensitive`). */
  sensitive?: unknown;
  provider?: string;
}

/** The parsed plan: resource instances in plan order, data sources, and the reference resolver. */
export class Plan {
  readonly resources: TfResource[] = [];
  private readonly all = new Map<string, TfResource>();
  private readonly positions: AddressPositions;
  private readonly resolver: ReferenceResolver;

  constructor(root: Rec, text: string) {
    this.positions = new AddressPositions(text);
    const drafts = new Map<string, Draft>();
    const modules = new Set<string>();
    walkModule(rec(rec(root.planned_values).root_module), drafts, modules, 'planned', 0);
    walkModule(rec(rec(rec(root.prior_state).values).root_module), drafts, modules, 'data-only', 0);
    const changes = new Map<string, Rec>();
    for (const c of list(root.resource_changes)) {
      if (!isRec(c) || c.deposed !== undefined || typeof c.address !== 'string') continue;
      changes.set(c.address, c);
      // A data source read at apply time appears only here.
      if (c.mode === 'data' && !drafts.has(c.address)) addDraft(c, rec(rec(c.change).after), drafts, modules);
    }
    const config = new ConfigIndex(root.configuration);
    const resolver = new ReferenceResolver(
      config,
      [...drafts.values()].map((d) => ({ address: d.address, base: baseAddress(d) })),
      modules,
    );
    for (const d of drafts.values()) {
      const cfg = config.resource(d.callPath, d.mode, d.type, d.name);
      const expressions = cfg && isRec(cfg.expressions) ? cfg.expressions : undefined;
      const change = rec(changes.get(d.address)?.change);
      const managedTargets = (refs: readonly string[]) =>
        resolver.resolve(refs, d.module).filter((t) => t.mode === 'managed' && t.address !== d.address);
      const overlaid = overlayUnknown(d.raw, change.after_unknown, expressions ?? {}, cfg !== undefined);
      const linked = substituteRefs(isRec(overlaid) ? overlaid : {}, expressions, {
        targets: managedTargets,
        attrValue: (address, attr) => drafts.get(address)?.raw[attr],
      });
      const values = redactSensitive(linked, d.sensitive ?? change.after_sensitive);
      const dependsOn = unique(managedTargets(strings(cfg?.depends_on)).map((t) => t.address));
      const refs = unique([...managedTargets(allReferences(expressions)).map((t) => t.address), ...dependsOn]);
      const r: TfResource = {
        address: d.address,
        mode: d.mode,
        type: d.type,
        name: d.name,
        module: d.module,
        raw: d.raw,
        values: isRec(values) ? values : {},
        refs,
        dependsOn,
        actions: strings(change.actions),
        ...(d.index !== undefined ? { index: d.index } : {}),
        ...(expressions ? { expressions } : {}),
        ...(d.provider ? { provider: d.provider } : {}),
      };
      this.all.set(r.address, r);
      if (r.mode === 'managed') this.resources.push(r);
    }
    this.resolver = resolver;
  }

  get(address: string): TfResource | undefined {
    return this.all.get(address);
  }

  position(address: string): { line: number; column: number } {
    return this.positions.of(address);
  }

  /** Resources (or data sources) an attribute's configuration expression refers to. */
  referenced(r: TfResource, attr: string, mode: Target['mode'] = 'managed'): TfResource[] {
    return this.referencedBy(r, r.expressions?.[attr], mode);
  }

  /** Resources (or data sources) a configuration expression of `r` refers to. */
  referencedBy(r: TfResource, expr: unknown, mode: Target['mode'] = 'managed'): TfResource[] {
    if (!isExpression(expr)) return [];
    return this.resolver
      .resolve(expressionRefs(expr), r.module)
      .filter((t) => t.mode === mode && t.address !== r.address)
      .map((t) => this.all.get(t.address))
      .filter((x): x is TfResource => !!x);
  }

  /**
   * The resource of one of `types` that attribute `attr` points at: through the configuration reference when there
   * is one, otherwise by matching the literal value (a bucket name, a role name, an ARN) against `matchAttrs`.
   * Among several instances (count / for_each) the one with the same index key wins.
   */
  link(
    r: TfResource,
    attr: string,
    types: readonly string[],
    matchAttrs: readonly string[] = ['id'],
  ): TfResource | undefined {
    const value = r.raw[attr];
    const matches = (c: TfResource) =>
      typeof value === 'string' && value !== '' && matchAttrs.some((m) => c.raw[m] === value);
    const viaRefs = this.referenced(r, attr).filter((c) => types.includes(c.type));
    if (viaRefs.length) {
      return (
        viaRefs.find(matches) ??
        viaRefs.find((c) => r.index !== undefined && c.index === r.index) ??
        (viaRefs.length === 1 ? viaRefs[0] : undefined)
      );
    }
    const byValue = this.resources.filter((c) => c !== r && types.includes(c.type) && matches(c));
    return byValue.find((c) => c.module === r.module) ?? byValue[0];
  }
}

function walkModule(
  module: Rec,
  drafts: Map<string, Draft>,
  modules: Set<string>,
  what: 'planned' | 'data-only',
  depth: number,
): void {
  if (depth > 64) return;
  const address = str(module.address);
  if (address) modules.add(address);
  for (const r of list(module.resources)) {
    if (!isRec(r) || typeof r.address !== 'string' || drafts.has(r.address)) continue;
    if (what === 'data-only' && r.mode !== 'data') continue;
    addDraft(r, rec(r.values), drafts, modules);
  }
  for (const child of list(module.child_modules)) walkModule(rec(child), drafts, modules, what, depth + 1);
}

function addDraft(r: Rec, raw: Rec, drafts: Map<string, Draft>, modules: Set<string>): void {
  const address = r.address as string;
  const steps = parseTraversal(address);
  const m = steps ? splitModule(steps) : undefined;
  const local = m?.rest ?? [];
  const isData = r.mode === 'data' || (local[0] && 'name' in local[0] && local[0].name === 'data');
  const tail = isData && local[0] && 'name' in local[0] && local[0].name === 'data' ? local.slice(1) : local;
  const type = str(r.type) ?? (tail[0] && 'name' in tail[0] ? tail[0].name : undefined);
  const name = str(r.name) ?? (tail[1] && 'name' in tail[1] ? tail[1].name : undefined);
  if (!type || !name) return;
  const index = typeof r.index === 'string' || typeof r.index === 'number' ? r.index : undefined;
  const module = m?.instance ?? '';
  for (let i = 1; m && i <= m.segments.length; i++) modules.add(m.segments.slice(0, i).join('.'));
  drafts.set(address, {
    address,
    mode: isData ? 'data' : 'managed',
    type,
    name,
    module,
    callPath: m?.callPath ?? '',
    raw,
    ...(r.sensitive_values !== undefined ? { sensitive: r.sensitive_values } : {}),
    ...(index !== undefined ? { index } : {}),
    ...(typeof r.provider_name === 'string' ? { provider: r.provider_name } : {}),
  });
}

/** The address without the instance key: what a configuration reference without an index names. */
function baseAddress(d: Draft): string {
  const local = `${d.mode === 'data' ? 'data.' : ''}${d.type}.${d.name}`;
  const base = joinAddress(d.module, local);
  return d.address === base || d.address.startsWith(`${base}[`) ? base : d.address.replace(/\[[^\]]*\]$/, '');
}

/** Every reference anywhere in a resource's block expressions. */
function allReferences(expressions: unknown, depth = 0, out: string[] = []): string[] {
  if (depth > 64) return out;
  if (isExpression(expressions)) out.push(...expressionRefs(expressions));
  else if (Array.isArray(expressions)) for (const e of expressions) allReferences(e, depth + 1, out);
  else if (isRec(expressions)) for (const e of Object.values(expressions)) allReferences(e, depth + 1, out);
  return out;
}

const unique = (xs: string[]) => [...new Set(xs)];
