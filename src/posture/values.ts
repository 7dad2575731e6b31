import { isIntrinsic } from './sources/intrinsics.js';

/** Read a nested property by path; undefined when any step is missing. */
export function dig(value: unknown, path: readonly (string | number)[]): unknown {
  let cur = value;
  for (const key of path) {
    if (cur === null || cur === undefined || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[key];
  }
  return cur;
}

/** CloudFormation accepts booleans as strings: 'true'/'false' in any case. Unknown (intrinsic) → undefined. */
export function asBool(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    const s = v.toLowerCase();
    if (s === 'true') return true;
    if (s === 'false') return false;
  }
  return undefined;
}

/** A value that is set to something (an intrinsic counts: it resolves to a value at deploy time). */
export function isSet(v: unknown): boolean {
  if (v === undefined || v === null || v === '') return false;
  if (isIntrinsic(v)) return !('Ref' in (v as object) && (v as { Ref: string }).Ref === 'AWS::NoValue');
  return true;
}

export function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
}

export function asString(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}
