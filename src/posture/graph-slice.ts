import type { Resource, SourceFormat, SourcePosition } from './graph.js';
import { aiGrantBits, hasAiGrants } from './rules/ec2/ai-footprint.js';
import type { PropertyKeep } from './slice-spec.js';

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
  metadata!: Record<string, unknown>;
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
  private props: Record<string, unknown> | undefined;
  /** Properties as JSON, parsed on first use: graph rules read the properties of few of the resources they get. */
  private propsJson: string | undefined;

  get properties(): Record<string, unknown> {
    if (!this.props) {
      this.props = JSON.parse(this.propsJson ?? '{}') as Record<string, unknown>;
      this.propsJson = undefined;
    }
    return this.props;
  }

  set properties(value: Record<string, unknown>) {
    this.props = value;
    this.propsJson = undefined;
  }

  /** The properties as JSON, without parsing them if they came as JSON. */
  propertiesJson(): string {
    return this.propsJson ?? JSON.stringify(this.properties);
  }

  /** Set the properties as JSON, to be parsed when first read. */
  setPropertiesJson(json: string): void {
    this.props = undefined;
    this.propsJson = json;
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

const NO_PROPERTIES: Record<string, unknown> = Object.freeze({});

function keptProperties(props: Record<string, unknown>, keep: PropertyKeep): Record<string, unknown> {
  if (keep === '*') return props;
  if (keep === 'none') return NO_PROPERTIES;
  const out: Record<string, unknown> = {};
  for (const k in props) if (keep.has(k)) out[k] = props[k];
  return out;
}

/**
 * A detached resource on the wire: a tuple rather than an object, so JSON carries no key names. Strings are indexes
 * into the batch's string table (ids, types and files repeat across a batch's resources and findings), so the
 * receiving side makes one string of each, not one per use; a CDK resource's metadata (just its construct path) is
 * a marker. The properties travel apart as JSON (see serialize.ts), parsed when read.
 */
export type WireResource = [
  id: number,
  type: number,
  sourceType: number,
  condition: number,
  dependsOn: number[],
  refs: number[],
  format: number,
  constructPath: number,
  file: number,
  line: number,
  column: number,
  lines: number[],
  properties: number,
  metadata: Record<string, unknown> | 0,
  aiGrants: number,
];

const CDK_PATH = 'aws:cdk:path';

/** Metadata that says only the construct path, as `cdk synth` writes it. */
function isOnlyConstructPath(r: DetachedResource): boolean {
  const m = r.metadata;
  if (r.constructPath === undefined || m[CDK_PATH] !== r.constructPath) return false;
  for (const k in m) if (k !== CDK_PATH) return false;
  return Object.getPrototypeOf(m) === Object.prototype;
}

/**
 * Encode for the wire: `shared` gives a string's index in the string table (-1 stands for absent), `text` a JSON
 * text's index.
 */
export function toWire(
  r: DetachedResource,
  shared: (s: string) => number,
  text: (json: string) => number,
): WireResource {
  const p = r.position;
  const optional = (s: string | undefined) => (s === undefined ? -1 : shared(s));
  return [
    shared(r.id),
    shared(r.type),
    optional(r.sourceType),
    optional(r.condition),
    r.dependsOn.map(shared),
    r.refs.map(shared),
    shared(r.format),
    optional(r.constructPath),
    shared(p.file),
    p.line,
    p.column,
    r.lines,
    text(r.propertiesJson()),
    isOnlyConstructPath(r) ? 0 : r.metadata,
    r.aiGrants ?? -1,
  ];
}

/** A detached resource back from the wire (see toWire). */
export function fromWire(w: WireResource, strings: readonly string[], texts: readonly string[]): DetachedResource {
  const d = new DetachedResource();
  const str = (i: number) => strings[i]!;
  d.id = str(w[0]);
  d.type = str(w[1]);
  if (w[2] >= 0) d.sourceType = str(w[2]);
  if (w[3] >= 0) d.condition = str(w[3]);
  d.dependsOn = w[4].map(str);
  d.refs = w[5].map(str);
  d.format = str(w[6]) as SourceFormat;
  if (w[7] >= 0) d.constructPath = str(w[7]);
  d.position = { file: str(w[8]), line: w[9], column: w[10] };
  d.lines = w[11];
  d.setPropertiesJson(texts[w[12]] ?? '{}');
  d.metadata = w[13] === 0 ? { [CDK_PATH]: d.constructPath } : w[13];
  if (w[14] >= 0) d.aiGrants = w[14];
  return d;
}
