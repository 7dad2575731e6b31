import { type Statement, statements } from '../../policy-document.js';
import { asArray } from '../../values.js';

/** A resource policy given as an object or as a JSON string (KMS, ECR, Backup and OpenSearch accept both). */
export function policyDocument(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v) as unknown;
  } catch {
    return undefined;
  }
}

/** `"*"`, `{ AWS: "*" }` or a principal list holding `"*"`: anyone, in any account, signed or not. */
export function isWildcardPrincipal(p: unknown): boolean {
  if (p === '*') return true;
  if (!p || typeof p !== 'object' || Array.isArray(p)) return false;
  const o = p as Record<string, unknown>;
  return asArray(o.AWS).includes('*') || asArray(o.CanonicalUser).includes('*');
}

/** Condition keys that pin the caller to an account, organisation, network path or named principal. */
const PINNING_KEYS = new Set(
  [
    'aws:PrincipalOrgID',
    'aws:PrincipalOrgPaths',
    'aws:PrincipalAccount',
    'aws:PrincipalArn',
    'aws:PrincipalServiceName',
    'aws:SourceAccount',
    'aws:SourceArn',
    'aws:SourceOrgID',
    'aws:SourceOrgPaths',
    'aws:SourceVpc',
    'aws:SourceVpce',
    'aws:SourceIp',
    'aws:VpcSourceIp',
    'aws:userid',
    'aws:username',
    'kms:CallerAccount',
    's3:DataAccessPointAccount',
    's3:DataAccessPointArn',
  ].map((k) => k.toLowerCase()),
);

/**
 * True when a condition limits who can use the grant. Negated operators, `Null` and `…IfExists` do not count (they
 * pass when the key is absent), nor does a pinning key whose value is just `*`.
 */
export function hasPinningCondition(condition: Statement['condition']): boolean {
  for (const [operator, block] of Object.entries(condition)) {
    if (/not|null|ifexists$/i.test(operator) || !block || typeof block !== 'object') continue;
    for (const [key, value] of Object.entries(block)) {
      if (!PINNING_KEYS.has(key.toLowerCase())) continue;
      const values = asArray(value);
      if (values.length > 0 && values.every((x) => x !== '*')) return true;
    }
  }
  return false;
}

/**
 * Allow statements open to everyone with no pinning condition. An Allow with `NotPrincipal` grants everyone but the
 * listed principals, so it counts as well.
 */
export function publicGrants(doc: unknown): Statement[] {
  const raw = doc && typeof doc === 'object' ? asArray((doc as { Statement?: unknown }).Statement) : [];
  return statements(doc).filter((s) => {
    if (s.effect !== 'Allow') return false;
    const notPrincipal = (raw[s.index] as { NotPrincipal?: unknown } | undefined)?.NotPrincipal !== undefined;
    return (notPrincipal || isWildcardPrincipal(s.principals)) && !hasPinningCondition(s.condition);
  });
}

/** Path of a statement inside a policy property, for the finding's line. */
export function statementPath(doc: unknown, property: (string | number)[], s: Statement): (string | number)[] {
  const list = doc && typeof doc === 'object' ? (doc as { Statement?: unknown }).Statement : undefined;
  return Array.isArray(list) ? [...property, 'Statement', s.index] : [...property, 'Statement'];
}
