import type { Finding } from '../../findings/finding.js';
import { reattach } from '../graph-slice.js';
import type { GraphSlice, TemplateEntry, UnitResult } from '../scan-unit.js';

/**
 * What crosses the worker boundary, as one JSON string per batch: V8 copies a string in one go, where a structured
 * clone walks every object (several times slower for hundreds of thousands of findings). Graph-rule resources are
 * already plain data (see graph-slice.ts); findings are encoded as rows.
 */

export interface SerializedEntry extends Omit<TemplateEntry, 'slice' | 'template' | 'findings' | 'error'> {
  findings: FindingRow[];
  error?: FindingRow;
  /** Graph-rule resources as plain data; `p` indexes their properties' JSON in the batch's `properties`. */
  slice?: Omit<GraphSlice, 'resources'> & { resources: (Record<string, unknown> & { p: number })[] };
}

export interface SerializedUnit {
  entries: SerializedEntry[];
}

/**
 * Findings travel as rows: a shape index, then the values of the keys that vary. A shape holds the key order and
 * the values every finding of one rule shares (title, severity, controls, remediation, docs), which are most of a
 * finding's bytes; decoding rebuilds each finding with exactly the original key order, so output is byte-identical
 * whichever thread produced it.
 */
export type FindingRow = unknown[];

interface Shape {
  keys: string[];
  statics: Record<string, unknown>;
}

const STATIC_KEYS = new Set(['ruleId', 'title', 'severity', 'controls', 'part', 'remediation', 'docs']);

const sameStatic = (a: unknown, b: unknown): boolean =>
  a === b || (Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => x === b[i]));

export class FindingEncoder {
  readonly shapes: Shape[] = [];
  private readonly byKeys = new Map<string, number[]>();

  encode(f: Finding): FindingRow {
    const rec = f as unknown as Record<string, unknown>;
    // Keys holding undefined are left out, as JSON output would leave them out.
    const keys = Object.keys(f).filter((k) => rec[k] !== undefined);
    const quick = `${f.ruleId}\u0000${keys.join(',')}`;
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
      this.shapes.push({ keys, statics });
      candidates.push(shape);
    }
    const row: FindingRow = [shape];
    for (const k of keys) if (!STATIC_KEYS.has(k)) row.push(rec[k]);
    return row;
  }
}

export function decodeFinding(row: FindingRow, shapes: readonly Shape[]): Finding {
  const shape = shapes[row[0] as number]!;
  const f: Record<string, unknown> = {};
  let i = 1;
  for (const k of shape.keys) f[k] = STATIC_KEYS.has(k) ? shape.statics[k] : row[i++];
  return f as unknown as Finding;
}

export interface SerializedBatch {
  shapes: Shape[];
  units: SerializedUnit[];
}

/** What a worker posts per chunk: the batch as JSON, and each graph-rule resource's properties as JSON. */
export interface WireBatch {
  batch: string;
  properties: string[];
}

export function serializeUnit(u: UnitResult, enc: FindingEncoder, properties: string[]): SerializedUnit {
  return {
    entries: u.entries.map(({ slice, template: _template, findings, error, ...rest }) => ({
      ...rest,
      findings: findings.map((f) => enc.encode(f)),
      ...(error ? { error: enc.encode(error) } : {}),
      ...(slice
        ? {
            slice: {
              ...slice,
              resources: slice.resources.map((r) => {
                const wire = r.toWire();
                properties.push(wire.properties);
                return { ...wire.data, p: properties.length - 1 };
              }),
            },
          }
        : {}),
    })),
  };
}

export function deserializeUnit(
  u: SerializedUnit,
  shapes: readonly Shape[],
  properties: readonly string[],
): UnitResult {
  return {
    entries: u.entries.map(({ slice, findings, error, ...rest }) => ({
      ...rest,
      findings: findings.map((r) => decodeFinding(r, shapes)),
      ...(error ? { error: decodeFinding(error, shapes) } : {}),
      ...(slice
        ? {
            slice: {
              ...slice,
              resources: slice.resources.map(({ p, ...data }) => reattach(data, properties[p] ?? '{}')),
            },
          }
        : {}),
    })),
  };
}

/** Encode scanned units for the wire (worker side). */
export function encodeBatch(units: readonly UnitResult[]): WireBatch {
  const enc = new FindingEncoder();
  const properties: string[] = [];
  const serialized = units.map((u) => serializeUnit(u, enc, properties));
  return { batch: JSON.stringify({ shapes: enc.shapes, units: serialized } satisfies SerializedBatch), properties };
}

/** Decode a worker's reply (main side). */
export function decodeBatch(wire: WireBatch): UnitResult[] {
  const batch = JSON.parse(wire.batch) as SerializedBatch;
  return batch.units.map((u) => deserializeUnit(u, batch.shapes, wire.properties));
}
