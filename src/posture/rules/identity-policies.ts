import type { Resource } from '../graph.js';
import { type Statement, statements } from '../policy-document.js';
import { asArray } from '../values.js';

/**
 * IAM policy documents as CloudFormation lets you write them: objects, JSON strings, JSON inside `Fn::Sub`, and
 * inline policy lists chosen by `Fn::If`. Rules read them through here so every form is checked the same way.
 */

/** A policy document as an object, or undefined when it cannot be read statically. */
export function parsePolicyDocument(value: unknown): Record<string, unknown> | undefined {
  let v = value;
  if (v && typeof v === 'object' && !Array.isArray(v) && 'Fn::Sub' in v) {
    const sub = (v as { 'Fn::Sub': unknown })['Fn::Sub'];
    v = Array.isArray(sub) ? sub[0] : sub;
  }
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v);
    } catch {
      return undefined;
    }
  }
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

export interface PolicyDoc {
  doc: Record<string, unknown>;
  /** Property path of the document inside the resource, for the finding's line. */
  path: (string | number)[];
  /** Set when the document only exists in one branch of an `Fn::If`: `"condition IsProd is true"`. */
  when?: string;
}

const isNoValue = (v: unknown) => !!v && typeof v === 'object' && (v as { Ref?: unknown }).Ref === 'AWS::NoValue';

/** Both branches of an `Fn::If`, labelled; a plain value is its own single branch. */
export function branches(value: unknown): { value: unknown; when?: string }[] {
  const fnIf =
    value && typeof value === 'object' && !Array.isArray(value)
      ? (value as { 'Fn::If'?: unknown })['Fn::If']
      : undefined;
  if (Array.isArray(fnIf) && fnIf.length === 3 && typeof fnIf[0] === 'string') {
    return [
      { value: fnIf[1], when: `condition ${fnIf[0]} is true` },
      { value: fnIf[2], when: `condition ${fnIf[0]} is false` },
    ].filter((b) => !isNoValue(b.value));
  }
  return [{ value }];
}

const INLINE_LIST_TYPES = new Set(['AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group']);
const SINGLE_DOC_TYPES = new Set([
  'AWS::IAM::Policy',
  'AWS::IAM::ManagedPolicy',
  'AWS::IAM::RolePolicy',
  'AWS::IAM::UserPolicy',
  'AWS::IAM::GroupPolicy',
]);

export const IDENTITY_POLICY_TYPES = [...INLINE_LIST_TYPES, ...SINGLE_DOC_TYPES];

/** The identity-based policy documents a resource carries (not a role's trust policy). */
export function identityPolicyDocs(r: Resource): PolicyDoc[] {
  const out: PolicyDoc[] = [];
  if (INLINE_LIST_TYPES.has(r.type)) {
    for (const b of branches(r.properties.Policies)) {
      asArray(b.value).forEach((p, i) => {
        const doc = parsePolicyDocument((p as { PolicyDocument?: unknown } | undefined)?.PolicyDocument);
        if (doc) out.push({ doc, path: ['Policies', i, 'PolicyDocument'], ...(b.when ? { when: b.when } : {}) });
      });
    }
  } else if (SINGLE_DOC_TYPES.has(r.type)) {
    const doc = parsePolicyDocument(r.properties.PolicyDocument);
    if (doc) out.push({ doc, path: ['PolicyDocument'] });
  }
  return out;
}

export interface FoundStatement {
  statement: Statement;
  doc: PolicyDoc;
  /** Path of the statement, for the finding's line. */
  path: (string | number)[];
}

/** Allow statements of a resource's identity policies that satisfy `test`. */
export function allowStatements(r: Resource, test: (s: Statement) => boolean): FoundStatement[] {
  return identityPolicyDocs(r).flatMap((doc) =>
    statements(doc.doc)
      .filter((s) => s.effect === 'Allow' && test(s))
      .map((statement) => ({
        statement,
        doc,
        path: Array.isArray(doc.doc.Statement)
          ? [...doc.path, 'Statement', statement.index]
          : [...doc.path, 'Statement'],
      })),
  );
}

/** A role's trust policy statements. */
export function trustStatements(role: Resource): Statement[] {
  return statements(parsePolicyDocument(role.properties.AssumeRolePolicyDocument));
}

/** Principal values of one kind (`AWS`, `Service`, `Federated`); the bare `"*"` principal counts as `AWS: "*"`. */
export function principalsOf(principal: unknown, kind: 'AWS' | 'Service' | 'Federated'): string[] {
  if (principal === '*') return kind === 'AWS' ? ['*'] : [];
  if (!principal || typeof principal !== 'object') return [];
  return asArray((principal as Record<string, unknown>)[kind]).filter((x): x is string => typeof x === 'string');
}

/** Service principals a role trusts through Allow statements. */
export function trustedServices(role: Resource): string[] {
  return trustStatements(role)
    .filter((s) => s.effect === 'Allow')
    .flatMap((s) => principalsOf(s.principals, 'Service').map((p) => p.toLowerCase()));
}

/** `" (when condition X is true)"` or nothing, for messages. */
export const whenSuffix = (d: PolicyDoc): string => (d.when ? ` (when ${d.when})` : '');
