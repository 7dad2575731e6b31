import { isIntrinsic } from '../intrinsics.js';
import { isRec, type Rec, rec, setKey } from './records.js';

/**
 * A small declarative language for Terraform → CloudFormation property shapes. A shape maps each CloudFormation
 * key to a Terraform attribute name, a nested block (`one` / `many`) or a function of the Terraform object.
 */
export type Shape = { readonly [cfnKey: string]: Field };
export type Field = string | BlockField | ((src: Rec) => unknown);
interface BlockField {
  readonly from: string;
  readonly shape: Shape;
  readonly list: boolean;
}

/** A nested block Terraform keeps as a one-element list and CloudFormation as an object. */
export const one = (from: string, shape: Shape): BlockField => ({ from, shape, list: false });
/** A repeated nested block: a list in both. */
export const many = (from: string, shape: Shape): BlockField => ({ from, shape, list: true });

/** Plans show unset optional arguments as null, "", [] or {}: none of them declares anything. */
export function clean(v: unknown): unknown {
  if (v === null || v === undefined || v === '') return undefined;
  if (Array.isArray(v) && v.length === 0) return undefined;
  if (isRec(v) && Object.keys(v).length === 0) return undefined;
  return v;
}

/** The objects of a nested block (a list of blocks, or one object for a nested attribute). */
export function blocks(v: unknown): Rec[] {
  if (Array.isArray(v)) return v.filter((b): b is Rec => isRec(b) && !isIntrinsic(b));
  return isRec(v) && !isIntrinsic(v) ? [v] : [];
}

export const block = (v: unknown): Rec | undefined => blocks(v)[0];

export function shaped(src: unknown, shape: Shape): Rec {
  const s = rec(src);
  const out: Rec = {};
  for (const [k, f] of Object.entries(shape)) {
    const v = fieldValue(s, f);
    if (v !== undefined) setKey(out, k, v);
  }
  return out;
}

function fieldValue(s: Rec, f: Field): unknown {
  if (typeof f === 'string') return clean(s[f]);
  if (typeof f === 'function') return f(s);
  const raw = s[f.from];
  // A configured block Terraform cannot compute yet is still declared.
  if (isIntrinsic(raw)) return raw;
  if (f.list) {
    const bs = blocks(raw).map((b) => shaped(b, f.shape));
    return bs.length ? bs : undefined;
  }
  const b = block(raw);
  return b ? shaped(b, f.shape) : undefined;
}

const snakeToPascal = (s: string): string =>
  s
    .split('_')
    .map((w) => (w ? w[0]!.toUpperCase() + w.slice(1) : ''))
    .join('');

/** `public-read` → `PublicRead`: S3 canned ACLs in CloudFormation's spelling. */
export const kebabToPascal = (s: string): string =>
  s
    .split('-')
    .map((w) => (w ? w[0]!.toUpperCase() + w.slice(1) : ''))
    .join('');

export interface GenericOptions {
  /** Keys that stay lists even with one element. */
  lists?: ReadonlySet<string>;
  /** Irregular names: Terraform key → CloudFormation key. */
  renames?: Readonly<Record<string, string>>;
}

/**
 * Convert a deep, regular block tree key by key (snake_case → PascalCase, one-element block lists → objects), for
 * structures too large to spell out whose names follow the API (WAF statements, Studio user settings).
 */
export function generic(v: unknown, opts: GenericOptions = {}, depth = 0): unknown {
  if (depth > 32 || isIntrinsic(v)) return v;
  if (Array.isArray(v)) return v.map((x) => generic(x, opts, depth + 1));
  if (!isRec(v)) return clean(v);
  const out: Rec = {};
  for (const [k, raw] of Object.entries(v)) {
    const key = opts.renames?.[k] ?? snakeToPascal(k);
    const isBlockList = Array.isArray(raw) && raw.length > 0 && raw.every((x) => isRec(x) && !isIntrinsic(x));
    const value =
      isBlockList && !opts.lists?.has(k) ? generic(raw[0], opts, depth + 1) : generic(clean(raw), opts, depth + 1);
    if (clean(value) !== undefined || (isRec(value) && isBlockList)) setKey(out, key, value);
  }
  return out;
}

/** Terraform tags (provider default tags included, via `tags_all`) as a map. */
export function tagMap(values: Rec): Rec | undefined {
  const all = values.tags_all;
  const t = isRec(all) && !isIntrinsic(all) && Object.keys(all).length ? all : values.tags;
  return isRec(t) && !isIntrinsic(t) && Object.keys(t).length ? t : undefined;
}

/** Terraform tags as CloudFormation's `[{ Key, Value }]`. */
export function tagList(values: Rec): Rec[] | undefined {
  const t = tagMap(values);
  return t ? Object.entries(t).map(([Key, Value]) => ({ Key, Value })) : undefined;
}
