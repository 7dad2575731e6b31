import type { Resource, SourcePosition } from '../../graph.js';
import { collectRefs } from '../intrinsics.js';
import type { Contribution, TfMapping } from './mapping.js';
import { MAPPINGS } from './mappings.js';
import type { Plan, TfResource } from './plan.js';
import { type Rec, setKey } from './records.js';

interface Draft {
  r: TfResource;
  type: string;
  mapping?: TfMapping;
  props: Rec;
  /** Which Terraform resource contributed a top-level property or a list element: where findings point. */
  keyOwner: Map<string, string>;
  elementOwner: WeakMap<object, string>;
  mergedFrom: string[];
  refs: Set<string>;
  error?: string;
}

/**
 * Plan resources → CloudFormation-shaped resources. Mapped types take their CloudFormation type and properties
 * (`sourceType` keeps the Terraform type for reports); resources Terraform splits out of a parent are folded into it;
 * everything else is kept under its Terraform type with its planned values, which no rule matches.
 */
/** Where a resource address is declared, when known better than the plan's line (the `.tf` block). */
export type Locate = (address: string) => SourcePosition | undefined;

export function normalise(
  plan: Plan,
  file: string,
  mappings: ReadonlyMap<string, TfMapping> = MAPPINGS,
  locate?: Locate,
): Resource[] {
  const drafts = new Map<string, Draft>();
  const pending: { child: TfResource; contributions: Contribution[] }[] = [];
  for (const r of plan.resources) {
    const m = mappings.get(r.type);
    const contributions = m?.merge ? guarded(() => m.merge!(r, plan)) : undefined;
    if (contributions?.value?.length) pending.push({ child: r, contributions: contributions.value });
    else drafts.set(r.address, standalone(r, m, plan));
  }
  const folded = new Map<string, string>();
  for (const { child, contributions } of pending) {
    const into = contributions.filter((c) => drafts.has(c.parent.address));
    if (into.length === 0) {
      drafts.set(child.address, standalone(child, mappings.get(child.type), plan));
      continue;
    }
    // A child's references to the parents it joins are not edges between them; the merged properties say which are.
    const parents = new Set(into.map((c) => c.parent.address));
    const refs = child.refs.filter((a) => !parents.has(a));
    for (const c of into) contribute(drafts.get(c.parent.address)!, child, c.props, refs);
    folded.set(child.address, into[0]!.parent.address);
  }
  const present = new Set(drafts.keys());
  const canonical = (a: string) => folded.get(a) ?? a;
  const out: Resource[] = [];
  for (const r of plan.resources) {
    const d = drafts.get(r.address);
    if (!d) continue;
    const finish = d.mapping?.finish;
    const props = finish ? (guarded(() => finish(d.props)).value ?? d.props) : d.props;
    const refs = new Set<string>();
    for (const a of [...d.refs, ...collectRefs(props)]) {
      const t = canonical(a);
      if (t !== r.address && present.has(t)) refs.add(t);
    }
    const dependsOn = [...new Set(r.dependsOn.map(canonical))].filter((a) => a !== r.address && present.has(a));
    out.push(toResource(d, props, [...refs], dependsOn, plan, file, locate));
  }
  return out;
}

function standalone(r: TfResource, m: TfMapping | undefined, plan: Plan): Draft {
  const base = {
    r,
    keyOwner: new Map<string, string>(),
    elementOwner: new WeakMap<object, string>(),
    mergedFrom: [],
    refs: new Set(r.refs),
  };
  if (m?.cfn && m.props) {
    const type = typeof m.cfn === 'string' ? m.cfn : guarded(() => (m.cfn as (r: TfResource) => string)(r)).value;
    const props = guarded(() => m.props!(r, plan));
    if (type && props.value) return { ...base, type, mapping: m, props: dropUndefined(props.value) };
    return { ...base, type: r.type, props: r.values, error: props.error ?? 'no CloudFormation type' };
  }
  return { ...base, type: r.type, props: r.values };
}

/** Fold a split resource's properties into its parent: lists are appended, anything else replaces. */
function contribute(d: Draft, child: TfResource, props: Rec, refs: readonly string[]): void {
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined) continue;
    const prev = d.props[k];
    const append = Array.isArray(prev) && Array.isArray(v);
    setKey(d.props, k, append ? [...prev, ...v] : v);
    // Appended entries belong to the child; the rest of the list still belongs to the parent.
    if (!append) d.keyOwner.set(k, child.address);
    if (Array.isArray(v)) for (const e of v) if (e && typeof e === 'object') d.elementOwner.set(e, child.address);
  }
  d.mergedFrom.push(child.address);
  for (const ref of refs) d.refs.add(ref);
}

function toResource(
  d: Draft,
  properties: Rec,
  refs: string[],
  dependsOn: string[],
  plan: Plan,
  file: string,
  locate: Locate | undefined,
): Resource {
  const { r } = d;
  const at = (address: string): SourcePosition => locate?.(address) ?? { file, ...plan.position(address) };
  const position = at(r.address);
  const terraform: Rec = {
    address: r.address,
    type: r.type,
    ...(r.module ? { module: r.module } : {}),
    ...(r.index !== undefined ? { index: r.index } : {}),
    ...(r.provider ? { provider: r.provider } : {}),
    ...(r.actions.length ? { actions: r.actions } : {}),
    ...(d.mergedFrom.length ? { mergedFrom: d.mergedFrom } : {}),
    ...(d.error ? { mappingError: d.error } : {}),
  };
  return {
    id: r.address,
    type: d.type,
    ...(d.type !== r.type ? { sourceType: r.type } : {}),
    properties,
    metadata: { terraform },
    dependsOn,
    refs,
    position,
    format: 'terraform-plan',
    positionOf(path) {
      const top = path[0] === undefined ? undefined : String(path[0]);
      const list = top === undefined ? undefined : properties[top];
      const element = Array.isArray(list) && typeof path[1] === 'number' ? list[path[1]] : undefined;
      const owner =
        element && typeof element === 'object'
          ? d.elementOwner.get(element)
          : top === undefined
            ? undefined
            : d.keyOwner.get(top);
      return owner ? at(owner) : position;
    },
  };
}

function dropUndefined(props: Rec): Rec {
  const out: Rec = {};
  for (const [k, v] of Object.entries(props)) if (v !== undefined) setKey(out, k, v);
  return out;
}

/** A mapper that trips over a malformed plan must not sink the scan: the resource stays unmapped, and says why. */
function guarded<T>(f: () => T): { value?: T; error?: string } {
  try {
    return { value: f() };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}
