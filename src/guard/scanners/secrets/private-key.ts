import type { Span } from '../../types.js';

const BEGIN = /-----BEGIN ((?:[A-Z0-9]+ ){0,3})PRIVATE KEY(?: BLOCK)?-----/g;
/** Base64 body, headers ("Proc-Type: …") and line breaks, bounded so an unterminated block cannot run away. */
const BODY = /[A-Za-z0-9+/=\s:,-]{0,16384}/y;

/**
 * PEM / OpenSSH / PGP private key blocks, from the BEGIN line to the matching END line (or, when the END line is
 * missing or cut off, to the end of the base64 body): a partial key still leaks key material.
 */
export function detectPrivateKeys(text: string, out: Span[]): void {
  if (text.indexOf('PRIVATE KEY') === -1) return;
  BEGIN.lastIndex = 0;
  for (let m = BEGIN.exec(text); m !== null; m = BEGIN.exec(text)) {
    const headerEnd = m.index + m[0].length;
    const endMarker = m[0].replace('BEGIN', 'END');
    const endAt = text.indexOf(endMarker, headerEnd);
    let end: number;
    if (endAt !== -1 && endAt - headerEnd <= 16384) {
      end = endAt + endMarker.length;
    } else {
      BODY.lastIndex = headerEnd;
      const body = BODY.exec(text);
      end = headerEnd + (body ? body[0].trimEnd().length : 0);
    }
    out.push({ start: m.index, end, entity: 'PRIVATE_KEY', score: 1 });
    BEGIN.lastIndex = end;
  }
}
