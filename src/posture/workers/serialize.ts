import type { Finding } from '../../findings/finding.js';
import type { RenderedFindings } from '../../findings/reporters/rendered-findings.js';
import { sliceToText } from '../graph-slice.js';
import type { TemplateEntry, UnitResult } from '../scan-unit.js';

/**
 * What crosses the worker boundary, as one JSON string per batch: V8 copies a string in one go, where a structured
 * clone walks every object (several times slower for hundreds of thousands of findings). Findings are encoded as
 * rows, graph-rule resources as tuples (see graph-slice.ts). Strings that many findings and resources of a batch
 * share (file names, resource types) go once into a string table: fewer bytes to parse, and one string object on
 * the receiving side instead of one per finding, which matters to the garbage collector of the thread that keeps a
 * million findings.
 */

export interface SerializedEntry extends Omit<TemplateEntry, 'slice' | 'template' | 'findings' | 'error' | 'rendered'> {
  findings: FindingRow[];
  error?: FindingRow;
  /** Index of the entry's printed findings in the batch's `rendered`. */
  rendered?: number;
  /** Index of the entry's graph slice, as text (see sliceToText), in the batch's `texts`. */
  slice?: number;
}

export interface SerializedUnit {
  entries: SerializedEntry[];
}

/**
 * Findings travel as rows: a shape index, then the values of the keys that vary. A shape holds the key order and
 * the values every finding of one rule shares (title, severity, controls, remediation, docs), which are most of a
 * finding's bytes, and the keys of the finding's resource, whose values follow inline (`type`, `id`, `file`, `path` as string
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
/** Resource values that repeat across a batch (findings of one file, of one resource): sent once each. */
const SHARED_RESOURCE_KEYS = new Set(['type', 'id', 'file', 'path']);

const sameStatic = (a: unknown, b: unknown): boolean =>
  a === b || (Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => x === b[i]));

/** Distinct strings of a batch, by index. */
class StringTable {
  readonly strings: string[] = [];
  private readonly index = new Map<string, number>();
  /** The last strings asked about, by slot: a resource's findings come one after the other, with the same strings. */
  private readonly recent: (string | undefined)[] = [];
  private readonly recentIndex: number[] = [];

  /** The index of `s`; `slot` (one per kind of string: type, id, file…) checks the last one of its kind first. */
  of(s: string, slot = 0): number {
    if (this.recent[slot] === s) return this.recentIndex[slot]!;
    const i = this.indexOf(s);
    this.recent[slot] = s;
    this.recentIndex[slot] = i;
    return i;
  }

  private indexOf(s: string): number {
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.strings.length;
      this.strings.push(s);
      this.index.set(s, i);
    }
    return i;
  }
}

/** How a shape names a resource key whose value goes to the string table. */
const SHARED_NAME: Record<string, string> = { type: 'type$', id: 'id$', file: 'file$', path: 'path$' };
const SHARED_KEY_OF = new Map(Object.entries(SHARED_NAME).map(([k, name]) => [name, k]));
/** A StringTable slot per shared resource key. */
const SLOT_OF = new Map(Object.values(SHARED_NAME).map((name, i) => [name, i + 1]));

/** The resource's keys as a shape lists them, or undefined when it is not a plain object (sent inline, whole). */
function resourceKeysOf(resource: unknown): string[] | undefined {
  if (!resource || typeof resource !== 'object' || Array.isArray(resource)) return undefined;
  const rec = resource as Record<string, unknown>;
  const keys: string[] = [];
  for (const k of Object.keys(rec)) {
    const v = rec[k];
    // Keys holding undefined are left out, as JSON would leave them out.
    if (v === undefined) continue;
    keys.push(SHARED_RESOURCE_KEYS.has(k) && typeof v === 'string' ? SHARED_NAME[k]! : k);
  }
  return keys;
}

/** The finding's keys that hold a value (JSON leaves undefined out). */
function definedKeys(rec: Record<string, unknown>): string[] {
  const keys = Object.keys(rec);
  for (const k of keys) if (rec[k] === undefined) return keys.filter((x) => rec[x] !== undefined);
  return keys;
}

const sameList = (a: readonly string[] | undefined, b: readonly string[] | undefined): boolean => {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
};

class FindingEncoder {
  readonly shapes: Shape[] = [];
  /** Shapes by rule id: a rule's findings come in one or two shapes, compared without building a key string. */
  private readonly byRule = new Map<unknown, number[]>();

  constructor(readonly strings: StringTable = new StringTable()) {}

  private shapeOf(rec: Record<string, unknown>, keys: string[], resourceKeys: string[] | undefined): number {
    let candidates = this.byRule.get(rec.ruleId);
    if (!candidates) {
      candidates = [];
      this.byRule.set(rec.ruleId, candidates);
    }
    for (const i of candidates) {
      const shape = this.shapes[i]!;
      if (!sameList(shape.keys, keys) || !sameList(shape.resourceKeys, resourceKeys)) continue;
      const st = shape.statics;
      if (keys.every((k) => !STATIC_KEYS.has(k) || sameStatic(st[k], rec[k]))) return i;
    }
    const statics: Record<string, unknown> = {};
    for (const k of keys) if (STATIC_KEYS.has(k)) statics[k] = rec[k];
    this.shapes.push({ keys, statics, ...(resourceKeys ? { resourceKeys } : {}) });
    candidates.push(this.shapes.length - 1);
    return this.shapes.length - 1;
  }

  encode(f: Finding): FindingRow {
    const rec = f as unknown as Record<string, unknown>;
    const keys = definedKeys(rec);
    const resourceKeys = resourceKeysOf(f.resource);
    const row: FindingRow = [this.shapeOf(rec, keys, resourceKeys)];
    for (const k of keys) {
      if (STATIC_KEYS.has(k)) continue;
      if (k === 'resource' && resourceKeys) {
        const r = f.resource as unknown as Record<string, unknown>;
        for (const rk of resourceKeys) {
          const shared = SHARED_KEY_OF.get(rk);
          row.push(shared ? this.strings.of(r[shared] as string, SLOT_OF.get(rk)) : r[rk]);
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
  /** Printed findings (typed arrays: posted as they are, their text moved, not copied). */
  rendered: RenderedFindings[];
}

function serializeUnit(
  u: UnitResult,
  enc: FindingEncoder,
  texts: string[],
  printed: RenderedFindings[],
): SerializedUnit {
  return {
    entries: u.entries.map(({ slice, sliceText, template: _template, findings, error, rendered, ...rest }) => ({
      ...rest,
      ...(slice || sliceText !== undefined ? { slice: texts.push(sliceText ?? sliceToText(slice!)) - 1 } : {}),
      ...(rendered ? { rendered: printed.push(rendered) - 1 } : {}),
      findings: findings.map((f) => enc.encode(f)),
      ...(error ? { error: enc.encode(error) } : {}),
    })),
  };
}

function deserializeUnit(
  u: SerializedUnit,
  plans: readonly DecodePlan[],
  strings: readonly string[],
  wire: WireBatch,
): UnitResult {
  const texts = wire.texts;
  return {
    entries: u.entries.map(({ slice, findings, error, rendered, ...rest }) => ({
      ...rest,
      ...(rendered !== undefined ? { rendered: wire.rendered[rendered]! } : {}),
      findings: findings.map((r) => decodeWithPlan(r, plans, strings)),
      ...(error ? { error: decodeWithPlan(error, plans, strings) } : {}),
      // Decoded when the scan ends (see sliceFromText).
      ...(slice !== undefined ? { sliceText: texts[slice]! } : {}),
    })),
  };
}

/**
 * Encodes a worker's batch one unit at a time (worker side): each unit becomes JSON as soon as it is scanned, so the
 * parsed template it still references can be collected young, not copied around while the rest of the batch scans.
 */
export class BatchEncoder {
  private readonly enc = new FindingEncoder();
  private readonly texts: string[] = [];
  private readonly rendered: RenderedFindings[] = [];
  private readonly units: string[] = [];

  add(unit: UnitResult): void {
    this.units.push(JSON.stringify(serializeUnit(unit, this.enc, this.texts, this.rendered)));
  }

  /** The batch: a SerializedBatch as JSON, and the JSON texts kept apart. */
  finish(): WireBatch {
    const shapes = JSON.stringify(this.enc.shapes);
    const strings = JSON.stringify(this.enc.strings.strings);
    return {
      batch: `{"shapes":${shapes},"strings":${strings},"units":[${this.units.join(',')}]}`,
      texts: this.texts,
      rendered: this.rendered,
    };
  }
}

/** Encode scanned units for the wire (worker side). */
export function encodeBatch(units: readonly UnitResult[]): WireBatch {
  const batch = new BatchEncoder();
  for (const u of units) batch.add(u);
  return batch.finish();
}

/** Decode a worker's reply (main side). */
export function decodeBatch(wire: WireBatch): UnitResult[] {
  const batch = JSON.parse(wire.batch) as SerializedBatch;
  const plans = batch.shapes.map(planOf);
  return batch.units.map((u) => deserializeUnit(u, plans, batch.strings, wire));
}
