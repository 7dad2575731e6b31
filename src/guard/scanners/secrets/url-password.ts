import type { Span } from '../../types.js';

/** scheme://user:password@host — the span covers the password only, so the URL stays readable when redacted. */
const URL_CREDENTIALS = /\b[a-zA-Z][a-zA-Z0-9+.-]{1,20}:\/\/[^\s:@/]{1,64}:([^\s@/]{1,128})@[A-Za-z0-9.\-[]/g;

export function detectUrlPasswords(text: string, out: Span[]): void {
  if (text.indexOf('://') === -1) return;
  URL_CREDENTIALS.lastIndex = 0;
  for (let m = URL_CREDENTIALS.exec(text); m !== null; m = URL_CREDENTIALS.exec(text)) {
    const password = m[1]!;
    const end = m.index + m[0].length - 2; // before "@" + first host character
    const start = end - password.length;
    // Placeholders in documentation ("user:password@", "${DB_PASS}") are not secrets.
    if (/^(?:password|pass|passwd|pwd|secret|\*+|x+|\$\{?[A-Za-z_]+\}?|<[^>]*>)$/i.test(password)) continue;
    out.push({ start, end, entity: 'URL_PASSWORD', score: 0.9 });
  }
}
