import type { Resource, SourceFormat, SourcePosition, Template } from './graph.js';
import { aiGrantBits, hasAiGrants } from './rules/ai-footprint.js';
import type { PropertyKeep } from './slice-spec.js';

const NO_PROPERTIES: Record<string, unknown> = Object.freeze({});
const NO_METADATA: Record<string, unknown> = Object.freeze({});
/** Shared by the many resources with no references or dependencies (never written to). */
const NONE = Object.freeze([]) as unknown as string[];
const CDK_PATH = 'aws:cdk:path';

/**
 * Graph (account-level) rules look across every template of a scan, so the resources they read must outlive the
 * unit that parsed them and, with worker threads, cross a thread boundary. A detached resource is plain data: its
 * position, and the positions of its top-level properties (graph rules point at those; a deeper path reports its
 * top-level property's line). The in-process scanner uses the same detached form, so findings are identical
 * whichever thread ran a unit.
 */

export class DetachedResource implements Resource {
  id!: string;
  type!: string;
  sourceType?: string;
  /** Undefined when the metadata is only the construct path (CDK), built when read. */
  private meta: Record<string, unknown> | undefined;
  condition?: string;
  dependsOn!: string[];
  refs!: string[];
  position!: SourcePosition;
  format!: SourceFormat;
  constructPath?: string;
  /** Line and column of `Properties`, then of each top-level property in key order, flattened. */
  lines!: number[];
  /** An identity policy's AI grants (aiGrantBits), read where the template was parsed. */
  aiGrants?: number;
  properties!: Record<string, unknown>;

  get metadata(): Record<string, unknown> {
    return this.meta ?? { [CDK_PATH]: this.constructPath };
  }

  set metadata(value: Record<string, unknown>) {
    this.meta = value;
  }

  /** True when no graph rule reads this resource's properties: they were not kept. */
  get bare(): boolean {
    return this.properties === NO_PROPERTIES;
  }

  positionOf(path: readonly (string | number)[]): SourcePosition {
    const file = this.position.file;
    const at = (i: number): SourcePosition => ({ file, line: this.lines[2 * i]!, column: this.lines[2 * i + 1]! });
    if (path.length === 0) return at(0);
    const i = Object.keys(this.properties).indexOf(String(path[0]));
    return at(i < 0 ? 0 : i + 1);
  }
}

/**
 * A resource's detached copy, keeping the properties `keep` says (see slice-spec.ts): all, the named top-level
 * ones (in the template's order), or none. Positions are kept for the properties kept.
 */
export function detach(r: Resource, keep: PropertyKeep = '*'): DetachedResource {
  const d = new DetachedResource();
  d.id = r.id;
  d.type = r.type;
  if (r.sourceType) d.sourceType = r.sourceType;
  d.properties = keptProperties(r.properties, keep);
  d.metadata = r.metadata;
  if (r.condition) d.condition = r.condition;
  d.dependsOn = r.dependsOn;
  d.refs = r.refs;
  d.position = { ...r.position };
  d.format = r.format;
  if (r.constructPath) d.constructPath = r.constructPath;
  const lines: number[] = [];
  for (const path of [[], ...Object.keys(d.properties).map((k) => [k])]) {
    const p = r.positionOf(path);
    lines.push(p.line, p.column);
  }
  d.lines = lines;
  if (hasAiGrants(r.type)) d.aiGrants = aiGrantBits(r);
  return d;
}

function keptProperties(props: Record<string, unknown>, keep: PropertyKeep): Record<string, unknown> {
  if (keep === '*') return props;
  if (keep === 'none') return NO_PROPERTIES;
  const out: Record<string, unknown> = {};
  for (const k in props) if (keep.has(k)) out[k] = props[k];
  return out;
}

function isEmpty(o: Record<string, unknown>): boolean {
  for (const _ in o) return false;
  return Object.getPrototypeOf(o) === Object.prototype;
}

/** Metadata that says only the construct path, as `cdk synth` writes it. */
function isOnlyConstructPath(r: DetachedResource): boolean {
  const m = r.metadata;
  if (r.constructPath === undefined || m[CDK_PATH] !== r.constructPath) return false;
  for (const k in m) if (k !== CDK_PATH) return false;
  return Object.getPrototypeOf(m) === Object.prototype;
}

/** The part of a template graph rules need: resources of the graph rules' types, and the parameters. */
export interface GraphSlice {
  file: string;
  format: SourceFormat;
  parameters: Template['parameters'];
  resources: DetachedResource[];
}

/**
 * A detached resource as text: a tuple rather than an object, so the JSON carries no key names. 0 stands for an
 * absent optional string, for the slice's own file or format, for properties not kept (see detach) and for
 * metadata that is only the construct path; 1 for empty metadata.
 */
type ResourceTuple = [
  id: string,
  type: string,
  sourceType: string | 0,
  condition: string | 0,
  dependsOn: string[],
  refs: string[],
  constructPath: string | 0,
  format: string | 0,
  file: string | 0,
  line: number,
  column: number,
  lines: number[],
  properties: Record<string, unknown> | 0,
  metadata: Record<string, unknown> | 0 | 1,
  aiGrants: number,
];

type SliceTuple = [file: string, format: SourceFormat, parameters: Template['parameters'], resources: ResourceTuple[]];

/**
 * A graph slice as JSON text. A large scan keeps what graph rules read of every template until the scan ends: held
 * as a few strings rather than as hundreds of thousands of objects, it costs the garbage collector nothing to
 * keep (a heap of detached resources made every collection of the main thread mark it again, several seconds of a
 * 10,000-template scan), and it crosses from a worker thread as it is.
 */
export function sliceToText(s: GraphSlice): string {
  const resources = s.resources.map((r): ResourceTuple => {
    const p = r.position;
    return [
      r.id,
      r.type,
      r.sourceType ?? 0,
      r.condition ?? 0,
      r.dependsOn,
      r.refs,
      r.constructPath ?? 0,
      r.format === s.format ? 0 : r.format,
      p.file === s.file ? 0 : p.file,
      p.line,
      p.column,
      r.lines,
      r.bare ? 0 : r.properties,
      isOnlyConstructPath(r) ? 0 : isEmpty(r.metadata) ? 1 : r.metadata,
      r.aiGrants ?? -1,
    ];
  });
  return JSON.stringify([s.file, s.format, s.parameters, resources] satisfies SliceTuple);
}

/** A graph slice back from its text (see sliceToText). */
export function sliceFromText(text: string): GraphSlice {
  const [file, format, parameters, tuples] = JSON.parse(text) as SliceTuple;
  const resources = tuples.map((w) => {
    const d = new DetachedResource();
    d.id = w[0];
    d.type = w[1];
    if (w[2] !== 0) d.sourceType = w[2];
    if (w[3] !== 0) d.condition = w[3];
    d.dependsOn = w[4].length ? w[4] : NONE;
    d.refs = w[5].length ? w[5] : NONE;
    if (w[6] !== 0) d.constructPath = w[6];
    d.format = w[7] === 0 ? format : (w[7] as SourceFormat);
    d.position = { file: w[8] === 0 ? file : w[8], line: w[9], column: w[10] };
    d.lines = w[11];
    d.properties = w[12] === 0 ? NO_PROPERTIES : w[12];
    // Only the construct path: built when read (see the metadata getter).
    if (w[13] !== 0) d.metadata = w[13] === 1 ? NO_METADATA : w[13];
    if (w[14] >= 0) d.aiGrants = w[14];
    return d;
  });
  return { file, format, parameters, resources };
}
