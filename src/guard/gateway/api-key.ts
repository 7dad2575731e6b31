/**
 * Who is calling, as an id safe to log and to key policy overrides on: `key_` + the first 16 hex digits of the
 * SHA-256 of the caller's credential (an OpenAI `Authorization: Bearer` key, an `x-api-key`, or the access key id of
 * a SigV4 `Authorization`). The secret itself is never stored or logged. Compute an id for a policy's `apiKeys:`
 * with `printf %s "$KEY" | sha256sum | cut -c1-16` and prefix `key_`.
 */
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

const SIGV4_CREDENTIAL = /Credential=([^/,\s]+)\//;
const MAX_CACHED = 4096;
const cache = new Map<string, string>();

export function apiKeyIdFor(secret: string): string {
  let id = cache.get(secret);
  if (id === undefined) {
    id = `key_${createHash('sha256').update(secret).digest('hex').slice(0, 16)}`;
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(secret, id);
  }
  return id;
}

export function callerCredential(headers: IncomingHttpHeaders): string | undefined {
  const auth = headers.authorization;
  if (typeof auth === 'string' && auth.length > 0) {
    if (auth.startsWith('Bearer ') || auth.startsWith('bearer ')) {
      const token = auth.slice(7).trim();
      return token.length > 0 ? token : undefined;
    }
    if (auth.startsWith('AWS4-')) return SIGV4_CREDENTIAL.exec(auth)?.[1];
  }
  const apiKey = headers['x-api-key'];
  return typeof apiKey === 'string' && apiKey.length > 0 ? apiKey : undefined;
}

export function apiKeyIdFromHeaders(headers: IncomingHttpHeaders): string | undefined {
  const credential = callerCredential(headers);
  return credential === undefined ? undefined : apiKeyIdFor(credential);
}
