import type { Finding } from '../../findings/finding.js';
import { fromWire, toWire, type WireResource } from '../graph-slice.js';
import type { GraphSlice, TemplateEntry, UnitResult } from '../scan-unit.js';

/**
 * What crosses the worker boundary, as one JSON string per batch: V8 copies a string in one go, where a structured
 * clone walks every object (several times slower for hundreds of thousands of findings). Findings are encoded as
 * rows, graph-rule resources as tuples (see graph-slice.ts). Strings that many findings and resources of a batch
 * share (file names, resource types) go once into a string table: fewer bytes to parse, and one string object on
 * the receiving side instead of one per finding, which matters to the garbage collector of the thread that keeps a
 * million findings.
 */

export interface SerializedEntry extends Omit<TemplateEntry, 'slice' | 'template' | 'findings' | 'error'> {
  findings: FindingRow[];
  error?: FindingRow;
  /** Graph-rule resources as tuples; their properties' JSON is in the batch's `texts`. */
  slice?: Omit<GraphSlice, 'resources'> & { resources: WireResource[] };
}

export interface SerializedUnit {
  entries: SerializedEntry[];
}

/**
 * Findings travel as rows: a shape index, then the values of the keys that vary. A shape holds the key order and
 * the values every finding of one rule shares (title, severity, controls, remediation, docs), which are most of a
 * finding's bytes, and the keys of the finding's resource, whose values follow inline (`type` and `file` as string
 * table indexes). Decoding rebuilds each finding with exactly the original key order, so output is byte-identical
 * whichever thread produced it.
 */
export type FindingRow = unknown[];

interface Shape {
  keys: string[];
  statics: Record<string, unknown>;
  /** Keys of the resource, in order, its values inline in the row; `$` marks a string-table index. */
  resourceKeys?: string[];
}

const STATIC_KEYS = new Set(['ruleId', 'title', 'severity', 'controls', 'part', 'remediation', 'docs']);
/** Resource values that repeat across a batch's findings: sent once in the string table. */
const SHARED_RESOURCE_KEYS = new Set(['type', 'file']);

const sameStatic = (a: unknown, b: unknown): boolean =>
  a === b || (Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => x === b[i]));

/** Distinct strings of a batch, by index. */
class StringTable {
  readonly strings: string[] = [];
  private readonly index = new Map<string, number>();

  of(s: string): number {
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.strings.length;
      this.strings.push(s);
      this.index.set(s, i);
    }
    return i;
  }
}

/** The resource's keys as a shape lists them, or undefined when it is not a plain object (sent inline, whole). */
function resourceKeysOf(resource: unknown): string[] | undefined {
  if (!resource || typeof resource !== 'object' || Array.isArray(resource)) return undefined;
  const rec = resource as Record<string, unknown>;
  const keys: string[] = [];
  for (const k of Object.keys(rec)) {
    const v = rec[k];
    // Keys holding undefined are left out, as JSON would leave them out.
    if (v === undefined) continue;
    keys.push(SHARED_RESOURCE_KEYS.has(k) && typeof v === 'string' ? `${k}$` : k);
  }
  return keys;
}

class FindingEncoder {
  readonly shapes: Shape[] = [];
  private readonly byKeys = new Map<string, number[]>();

  constructor(readonly strings: StringTable = new StringTable()) {}

  encode(f: Finding): FindingRow {
    const rec = f as unknown as Record<string, unknown>;
    const keys = Object.keys(f).filter((k) => rec[k] !== undefined);
    const resourceKeys = resourceKeysOf(f.resource);
    const quick = `${f.ruleId}\u0000${keys.join(',')}\u0000${resourceKeys?.join(',') ?? '-'}`;
    const candidates = this.byKeys.get(quick) ?? [];
    this.byKeys.set(quick, candidates);
    let shape = candidates.find((i) => {
      const st = this.shapes[i]!.statics;
      return keys.every((k) => !STATIC_KEYS.has(k) || sameStatic(st[k], rec[k]));
    });
    if (shape === undefined) {
      shape = this.shapes.length;
      const statics: Record<string, unknown> = {};
      for (const k of keys) if (STATIC_KEYS.has(k)) statics[k] = rec[k];
      this.shapes.push({ keys, statics, ...(resourceKeys ? { resourceKeys } : {}) });
      candidates.push(shape);
    }
    const row: FindingRow = [shape];
    for (const k of keys) {
      if (STATIC_KEYS.has(k)) continue;
      if (k === 'resource' && resourceKeys) {
        const r = f.resource as unknown as Record<string, unknown>;
        for (const rk of resourceKeys) {
          if (rk.endsWith('$')) row.push(this.strings.of(r[rk.slice(0, -1)] as string));
          else row.push(r[rk]);
        }
      } else row.push(rec[k]);
    }
    return row;
  }
}

/** A shape ready for decoding: which keys are static, and the resource's key names and string-table flags. */
interface DecodePlan {
  keys: string[];
  statics: Record<string, unknown>;
  isStatic: boolean[];
  resourceNames?: string[];
  resourceShared?: boolean[];
}

function planOf(shape: Shape): DecodePlan {
  const rk = shape.resourceKeys;
  return {
    keys: shape.keys,
    statics: shape.statics,
    isStatic: shape.keys.map((k) => STATIC_KEYS.has(k)),
    ...(rk
      ? {
          resourceNames: rk.map((k) => (k.endsWith('$') ? k.slice(0, -1) : k)),
          resourceShared: rk.map((k) => k.endsWith('$')),
        }
      : {}),
  };
}

function decodeWithPlan(row: FindingRow, plans: readonly DecodePlan[], strings: readonly string[]): Finding {
  const plan = plans[row[0] as number]!;
  const f: Record<string, unknown> = {};
  let i = 1;
  const { keys, isStatic, resourceNames, resourceShared } = plan;
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k]!;
    if (isStatic[k]) f[key] = plan.statics[key];
    else if (key === 'resource' && resourceNames) {
      const r: Record<string, unknown> = {};
      for (let j = 0; j < resourceNames.length; j++) {
        const v = row[i++];
        r[resourceNames[j]!] = resourceShared![j] ? strings[v as number] : v;
      }
      f.resource = r;
    } else f[key] = row[i++];
  }
  return f as unknown as Finding;
}

export interface SerializedBatch {
  shapes: Shape[];
  strings: string[];
  units: SerializedUnit[];
}

/** What a worker posts per chunk: the batch as JSON, and JSON texts kept apart (graph resources' properties). */
export interface WireBatch {
  batch: string;
  texts: string[];
}

function serializeUnit(u: UnitResult, enc: FindingEncoder, texts: string[]): SerializedUnit {
  const text = (json: string) => texts.push(json) - 1;
  const shared = (s: string) => enc.strings.of(s);
  return {
    entries: u.entries.map(({ slice, template: _template, findings, error, ...rest }) => ({
      ...rest,
      findings: findings.map((f) => enc.encode(f)),
      ...(error ? { error: enc.encode(error) } : {}),
      ...(slice ? { slice: { ...slice, resources: slice.resources.map((r) => toWire(r, shared, text)) } } : {}),
    })),
  };
}

function deserializeUnit(
  u: SerializedUnit,
  plans: readonly DecodePlan[],
  strings: readonly string[],
  texts: readonly string[],
): UnitResult {
  return {
    entries: u.entries.map(({ slice, findings, error, ...rest }) => ({
      ...rest,
      findings: findings.map((r) => decodeWithPlan(r, plans, strings)),
      ...(error ? { error: decodeWithPlan(error, plans, strings) } : {}),
      ...(slice ? { slice: { ...slice, resources: slice.resources.map((w) => fromWire(w, strings, texts)) } } : {}),
    })),
  };
}

/** Encode scanned units for the wire (worker side). */
export function encodeBatch(units: readonly UnitResult[]): WireBatch {
  const enc = new FindingEncoder();
  const texts: string[] = [];
  const serialized = units.map((u) => serializeUnit(u, enc, texts));
  const batch: SerializedBatch = { shapes: enc.shapes, strings: enc.strings.strings, units: serialized };
  return { batch: JSON.stringify(batch), texts };
}

/** Decode a worker's reply (main side). */
export function decodeBatch(wire: WireBatch): UnitResult[] {
  const batch = JSON.parse(wire.batch) as SerializedBatch;
  const plans = batch.shapes.map(planOf);
  return batch.units.map((u) => deserializeUnit(u, plans, batch.strings, wire.texts));
}
