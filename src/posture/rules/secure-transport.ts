import { actionMatches, type Statement, statements } from '../policy-document.js';
import { asArray } from '../values.js';
import { parsePolicyDocument } from './identity-policies.js';

/** `"*"` or `{ AWS: "*" }` (alone or in a list): the statement applies to every caller. */
function isEveryone(principal: unknown): boolean {
  if (principal === '*') return true;
  if (!principal || typeof principal !== 'object') return false;
  return asArray((principal as { AWS?: unknown }).AWS).includes('*');
}

/** `Bool: { aws:SecureTransport: false }` (the boolean or the string, any key case). */
function whenInsecure(s: Statement): boolean {
  for (const [op, entries] of Object.entries(s.condition)) {
    if (op.toLowerCase() !== 'bool' || !entries) continue;
    for (const [key, v] of Object.entries(entries)) {
      if (key.toLowerCase() !== 'aws:securetransport') continue;
      for (const x of asArray(v))
        if (x === false || (typeof x === 'string' && x.toLowerCase() === 'false')) return true;
    }
  }
  return false;
}

/**
 * True when a resource policy denies, to every principal, each of `actions` whenever the request is not made over
 * TLS (aws:SecureTransport false). Policy documents written as JSON strings are read too.
 */
export function deniesInsecureTransport(policyDocument: unknown, actions: readonly string[]): boolean {
  const doc = parsePolicyDocument(policyDocument);
  return statements(doc).some(
    (s) =>
      s.effect === 'Deny' &&
      isEveryone(s.principals) &&
      whenInsecure(s) &&
      actions.every((action) => s.actions.some((pattern) => actionMatches(pattern, action))),
  );
}
