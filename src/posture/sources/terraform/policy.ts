import { isIntrinsic } from '../intrinsics.js';
import type { Plan, TfResource } from './plan.js';
import { isRec, list, type Rec, setKey, str, strings } from './records.js';
import { unknownValue } from './unknown.js';

/** A policy attribute is a JSON string in Terraform; rules read the parsed document, as in a template. */
export function parsePolicy(v: unknown): unknown {
  if (typeof v !== 'string' || v.trim() === '') return v === '' ? undefined : v;
  try {
    return JSON.parse(v) as unknown;
  } catch {
    return v;
  }
}

/**
 * The policy document an attribute holds. When it is unknown at plan time because it is
 * `data.aws_iam_policy_document.x.json` over resources not created yet, the document is rebuilt from that data
 * source's statement blocks, whose actions and effects are known.
 */
export function policyOf(plan: Plan, r: TfResource, attr: string): unknown {
  return policyFrom(plan, r, r.values[attr], r.expressions?.[attr]);
}

/** The same for a policy nested in a block (a role's `inline_policy`), given its value and expression. */
export function policyFrom(plan: Plan, r: TfResource, value: unknown, expr: unknown): unknown {
  if (typeof value === 'string') return parsePolicy(value);
  if (value === undefined || !isIntrinsic(value)) return value;
  // Known only after apply (or derived from another resource): a policy document data source still shows its statements.
  const doc = plan.referencedBy(r, expr, 'data').find((d) => d.type === 'aws_iam_policy_document');
  return doc ? documentFromData(doc) : unknownValue();
}

function documentFromData(d: TfResource): unknown {
  const json = d.values.json;
  if (typeof json === 'string' && json !== '') return parsePolicy(json);
  const statements = (docs: unknown) =>
    strings(docs).flatMap((s) => list(isRec(parsePolicy(s)) ? (parsePolicy(s) as Rec).Statement : undefined));
  return {
    Version: str(d.values.version) ?? '2012-10-17',
    Statement: [
      ...statements(d.values.source_policy_documents),
      ...list(d.values.statement).filter(isRec).map(statementFromBlock),
      ...statements(d.values.override_policy_documents),
    ],
  };
}

/** Like the data source's own JSON: a one-element list is written as its element. */
const collapse = (v: unknown): unknown => (Array.isArray(v) && v.length === 1 ? v[0] : v);

function statementFromBlock(s: Rec): Rec {
  const out: Rec = {};
  const put = (k: string, v: unknown) => {
    if (v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0) && v !== '') setKey(out, k, collapse(v));
  };
  put('Sid', s.sid);
  put('Effect', s.effect ?? 'Allow');
  put('Action', s.actions);
  put('NotAction', s.not_actions);
  put('Resource', s.resources);
  put('NotResource', s.not_resources);
  put('Principal', principals(s.principals));
  put('NotPrincipal', principals(s.not_principals));
  put('Condition', conditions(s.condition));
  return out;
}

/** `principals { type = "AWS", identifiers = [...] }` blocks → `{ AWS: [...] }`; type and identifier `*` → `"*"`. */
function principals(blocks: unknown): unknown {
  const bs = list(blocks).filter(isRec);
  if (bs.length === 0) return undefined;
  if (bs.some((b) => b.type === '*' && list(b.identifiers).includes('*'))) return '*';
  const out: Rec = {};
  for (const b of bs) {
    const type = str(b.type);
    if (!type) continue;
    setKey(out, type, [...list(out[type]), ...list(b.identifiers)]);
  }
  for (const [k, v] of Object.entries(out)) setKey(out, k, collapse(v));
  return out;
}

/** `condition { test, variable, values }` blocks → `{ test: { variable: values } }`. */
function conditions(blocks: unknown): unknown {
  const bs = list(blocks).filter(isRec);
  if (bs.length === 0) return undefined;
  const out: Rec = {};
  for (const b of bs) {
    const test = str(b.test);
    const variable = str(b.variable);
    if (!test || !variable) continue;
    const byVar = isRec(out[test]) ? (out[test] as Rec) : {};
    setKey(byVar, variable, collapse(b.values));
    setKey(out, test, byVar);
  }
  return out;
}
