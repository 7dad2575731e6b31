import type { Resource, SourceFormat, SourcePosition } from './graph.js';

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

  /** Plain data for the wire, the properties apart as JSON (see `reattach`). */
  toWire(): { data: Record<string, unknown>; properties: string } {
    const {
      props: _p,
      propsJson,
      ...data
    } = this as unknown as Record<string, unknown> & {
      props?: unknown;
      propsJson?: string;
    };
    return { data, properties: propsJson ?? JSON.stringify(this.properties) };
  }

  positionOf(path: readonly (string | number)[]): SourcePosition {
    const file = this.position.file;
    const at = (i: number): SourcePosition => ({ file, line: this.lines[2 * i]!, column: this.lines[2 * i + 1]! });
    if (path.length === 0) return at(0);
    const i = Object.keys(this.properties).indexOf(String(path[0]));
    return at(i < 0 ? 0 : i + 1);
  }
}

export function detach(r: Resource): DetachedResource {
  const d = new DetachedResource();
  d.id = r.id;
  d.type = r.type;
  if (r.sourceType) d.sourceType = r.sourceType;
  d.properties = r.properties;
  d.metadata = r.metadata;
  if (r.condition) d.condition = r.condition;
  d.dependsOn = r.dependsOn;
  d.refs = r.refs;
  d.position = { ...r.position };
  d.format = r.format;
  if (r.constructPath) d.constructPath = r.constructPath;
  const lines: number[] = [];
  for (const path of [[], ...Object.keys(r.properties).map((k) => [k])]) {
    const p = r.positionOf(path);
    lines.push(p.line, p.column);
  }
  d.lines = lines;
  return d;
}

/** A detached resource back from the wire: its plain data, and its properties as JSON (parsed when read). */
export function reattach(data: Record<string, unknown>, properties: string): DetachedResource {
  const d = Object.assign(new DetachedResource(), data);
  (d as unknown as { propsJson: string }).propsJson = properties;
  return d;
}
