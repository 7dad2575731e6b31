import { isRec, type Rec, setKey } from './records.js';

/**
 * A value Terraform knows only after apply. It has the shape of a CloudFormation intrinsic (`Fn::` key), so
 * `isSet` counts it as set and `asBool` as undefined, exactly like a `!Ref` whose value is decided at deploy time.
 */
const UNKNOWN_KEY = 'Fn::Unknown';

export function unknownValue(reason = 'known after apply'): Rec {
  return { [UNKNOWN_KEY]: reason };
}

export function isUnknown(v: unknown): boolean {
  return isRec(v) && Object.keys(v).length === 1 && typeof v[UNKNOWN_KEY] === 'string';
}

/** An expression representation (`{ references }` or `{ constant_value }`), as opposed to a nested block. */
export function isExpression(e: unknown): e is { references?: unknown; constant_value?: unknown } {
  return isRec(e) && (Array.isArray(e.references) || 'constant_value' in e);
}

/** The configuration expression for a key inside a block; an attribute's expression covers all of its value. */
export function exprChild(expr: unknown, key: string): unknown {
  if (expr === undefined || isExpression(expr)) return expr;
  return isRec(expr) ? expr[key] : undefined;
}

/** The configuration expression for an element of a list value (a list of blocks, or a single block). */
export function exprIndex(expr: unknown, i: number): unknown {
  if (expr === undefined || isExpression(expr)) return expr;
  if (Array.isArray(expr)) return expr[i];
  return isRec(expr) && i === 0 ? expr : undefined;
}

const MAX_DEPTH = 64;

/**
 * Fold `after_unknown` into planned values. An unknown leaf becomes an unknown marker when the configuration sets it
 * (a user value Terraform cannot compute yet, e.g. a new key's ARN) and is dropped when the configuration does not
 * (a provider-computed default, e.g. the AWS managed key RDS picks): only what the code declares counts as set.
 * `configured` false means there is no configuration to consult, and every unknown counts as set.
 */
export function overlayUnknown(
  value: unknown,
  unknown: unknown,
  expr: unknown,
  configured: boolean,
  depth = 0,
): unknown {
  if (depth > MAX_DEPTH) return value;
  if (unknown === true) return !configured || expr !== undefined ? unknownValue() : undefined;
  if (isRec(unknown)) {
    const base = isRec(value) ? value : {};
    const out: Rec = {};
    for (const [k, v] of Object.entries(base)) setKey(out, k, v);
    for (const [k, u] of Object.entries(unknown)) {
      const v = overlayUnknown(base[k], u, exprChild(expr, k), configured, depth + 1);
      if (v === undefined) delete out[k];
      else setKey(out, k, v);
    }
    return out;
  }
  if (Array.isArray(unknown)) {
    const base = Array.isArray(value) ? value : [];
    const out = base.slice();
    unknown.forEach((u, i) => {
      out[i] = overlayUnknown(base[i], u, exprIndex(expr, i), configured, depth + 1);
    });
    return out.filter((v) => v !== undefined);
  }
  return value;
}

/** Replace values the plan marks sensitive with a marker: still set, never copied into a finding or report. */
export function redactSensitive(value: unknown, sensitive: unknown, depth = 0): unknown {
  if (depth > MAX_DEPTH || value === undefined || value === null) return value;
  if (sensitive === true) return unknownValue('sensitive value');
  if (Array.isArray(sensitive) && Array.isArray(value)) {
    return value.map((v, i) => redactSensitive(v, sensitive[i], depth + 1));
  }
  if (isRec(sensitive) && isRec(value)) {
    const out: Rec = {};
    for (const [k, v] of Object.entries(value)) setKey(out, k, redactSensitive(v, sensitive[k], depth + 1));
    return out;
  }
  return value;
}
