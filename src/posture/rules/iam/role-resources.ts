import type { FoundStatement } from '../identity-policies.js';

/**
 * The Resource entries of a statement as written, with `Fn::Sub` templates kept as text (`${AWS::AccountId}` stays
 * a placeholder) and other intrinsics dropped: enough to tell "every role" from a named one.
 */
export function resourceTexts(found: FoundStatement): string[] {
  const raw = found.doc.doc.Statement;
  const stmt = (Array.isArray(raw) ? raw[found.statement.index] : raw) as { Resource?: unknown } | undefined;
  const list = Array.isArray(stmt?.Resource) ? stmt.Resource : [stmt?.Resource];
  return list.flatMap((r) => {
    if (typeof r === 'string') return [r];
    const sub = r && typeof r === 'object' ? (r as { 'Fn::Sub'?: unknown })['Fn::Sub'] : undefined;
    const tpl = Array.isArray(sub) ? sub[0] : sub;
    return typeof tpl === 'string' ? [tpl] : [];
  });
}

/** `*`, a role ARN with a wildcard account, or `role/*` (every role of an account). */
export function isAnyRole(resource: string): boolean {
  if (resource === '*') return true;
  // `${AWS::Partition}`, `${AWS::AccountId}`… name one value each: read them as plain words.
  const m = /^arn:[^:]*:iam::([^:]*):role\/(.*)$/.exec(resource.replace(/\$\{[^}]*\}/g, 'x'));
  if (!m) return false;
  return m[1] === '*' || m[2] === '*';
}
