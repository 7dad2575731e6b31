import { isRec, type Rec, setKey } from './records.js';
import { expressionRefs, type Target } from './references.js';
import { exprChild, exprIndex, isExpression, isUnknown } from './unknown.js';

/**
 * A Terraform reference in CloudFormation form: `aws_kms_key.data.arn` → `{ 'Fn::GetAtt': ['aws_kms_key.data',
 * 'arn'] }`, `.id` or the whole object → `{ Ref }`. Rules follow these with `refTarget` / `collectRefs` as they do
 * for templates.
 */
export function refIntrinsic(t: Pick<Target, 'address' | 'attr'>): Rec {
  return t.attr && t.attr !== 'id' ? { 'Fn::GetAtt': [t.address, t.attr] } : { Ref: t.address };
}

export interface SubstituteContext {
  /** Managed resources the references name, resolved from the resource's module. */
  targets(refs: readonly string[]): Target[];
  /** A target's planned attribute value, to recognise a known value copied from a reference. */
  attrValue(address: string, attr: string): unknown;
}

const MAX_DEPTH = 64;

/**
 * Replace values that come from references with reference intrinsics: unknown ones always (a new key's ARN), known
 * strings when they equal the referenced attribute (an existing key's ARN), so the edge survives either way.
 */
export function substituteRefs(value: unknown, expr: unknown, ctx: SubstituteContext, depth = 0): unknown {
  if (depth > MAX_DEPTH || expr === undefined || value === undefined || value === null) return value;
  if (isExpression(expr)) {
    const refs = expressionRefs(expr);
    if (refs.length === 0) return value;
    const targets = ctx.targets(refs);
    return targets.length ? replaceLeaf(value, targets, ctx) : value;
  }
  if (Array.isArray(value)) return value.map((v, i) => substituteRefs(v, exprIndex(expr, i), ctx, depth + 1));
  if (isRec(value) && isRec(expr)) {
    const out: Rec = {};
    for (const [k, v] of Object.entries(value)) setKey(out, k, substituteRefs(v, exprChild(expr, k), ctx, depth + 1));
    return out;
  }
  return value;
}

function replaceLeaf(value: unknown, targets: Target[], ctx: SubstituteContext): unknown {
  if (isUnknown(value)) return combined(targets);
  if (typeof value === 'string') return matching(value, targets, ctx) ?? value;
  if (Array.isArray(value)) {
    const unknowns = value.filter(isUnknown).length;
    let next = 0;
    return value.map((v) => {
      if (typeof v === 'string') return matching(v, targets, ctx) ?? v;
      if (!isUnknown(v)) return v;
      // Elements line up with references only when there is one reference per unknown element.
      if (targets.length === 1) return refIntrinsic(targets[0]!);
      return unknowns === targets.length ? refIntrinsic(targets[next++]!) : v;
    });
  }
  return value;
}

function combined(targets: Target[]): Rec {
  return targets.length === 1 ? refIntrinsic(targets[0]!) : { 'Fn::Join': ['', targets.map(refIntrinsic)] };
}

function matching(value: string, targets: Target[], ctx: SubstituteContext): Rec | undefined {
  const t = targets.find((t) => value !== '' && ctx.attrValue(t.address, t.attr ?? 'id') === value);
  return t ? refIntrinsic(t) : undefined;
}
