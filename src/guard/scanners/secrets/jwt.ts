import type { Span } from '../../types.js';

/**
 * header.payload[.signature], base64url; the header of a JWT is a JSON object, so it starts with "eyJ". Not inside a
 * longer base64url run (the lookbehind keeps the scan linear on adversarial "eyJeyJ…" input).
 */
const JWT =
  /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{5,2000}\.[A-Za-z0-9_-]{2,8000}\.[A-Za-z0-9_-]{0,2000}(?![A-Za-z0-9_-])/g;

/** True when the first part decodes to a JSON object with a string `alg` (every JWS/JWT header has one). */
export function jwtHeaderValid(header: string): boolean {
  try {
    const json: unknown = JSON.parse(Buffer.from(header, 'base64url').toString('utf8'));
    return typeof json === 'object' && json !== null && typeof (json as { alg?: unknown }).alg === 'string';
  } catch {
    return false;
  }
}

export function detectJwts(text: string, out: Span[]): void {
  if (text.indexOf('eyJ') === -1) return;
  JWT.lastIndex = 0;
  for (let m = JWT.exec(text); m !== null; m = JWT.exec(text)) {
    const header = m[0].slice(0, m[0].indexOf('.'));
    if (!jwtHeaderValid(header)) continue;
    out.push({ start: m.index, end: m.index + m[0].length, entity: 'JWT', score: 0.95 });
  }
}
