/**
 * URL judgements shared by the HTML and Markdown checks: which hosts are allowed, which schemes run code, and
 * whether a URL carries data (the exfiltration pattern: `https://attacker.example/?q=<secret>`).
 */

/** Schemes that run script when a link is followed or a frame loads it. */
const SCRIPT_SCHEME = /^(?:javascript|vbscript|livescript):/;
const HTML_DATA = /^data:(?:text\/html|image\/svg\+xml|application\/xhtml)/;

/** Minimum length of a query value, fragment or path segment that counts as carrying data. */
export const DATA_MIN_LENGTH = 24;

export class DomainAllowList {
  private readonly exact = new Set<string>();
  private readonly suffixes: string[] = [];

  /** `example.com` allows it and its subdomains; `*.example.com` the same (the star is optional). */
  constructor(domains: readonly string[]) {
    for (const raw of domains) {
      const host = normaliseHost(raw.trim().replace(/^\*\./, ''));
      if (!host) continue;
      this.exact.add(host);
      this.suffixes.push(`.${host}`);
    }
  }

  get isEmpty(): boolean {
    return this.exact.size === 0;
  }

  allows(host: string): boolean {
    if (this.exact.has(host)) return true;
    for (const s of this.suffixes) if (host.endsWith(s)) return true;
    return false;
  }
}

/** Lower case, punycode, no trailing dot; '' when it is not a host. */
export function normaliseHost(host: string): string {
  try {
    return new URL(`http://${host}/`).hostname.replace(/\.$/, '');
  } catch {
    return '';
  }
}

/**
 * Removes what browsers ignore inside a URL attribute (control characters, whitespace, HTML character references
 * for them), so `java&#x09;script:` and ` JaVaScRiPt:` read as `javascript:`.
 */
export function decodeUrlAttribute(raw: string): string {
  const decoded = raw.length > 4096 ? raw.slice(0, 4096) : raw;
  return decoded
    .replace(/&#x([0-9a-f]{1,6});?/gi, (_, hex: string) => safeFromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#(\d{1,7});?/g, (_, dec: string) => safeFromCodePoint(Number.parseInt(dec, 10)))
    .replace(/&(?:colon|tab|newline);/gi, (e) => (e.toLowerCase() === '&colon;' ? ':' : ''))
    .replace(/[\u0000-\u0020\u007f-\u009f]/g, '')
    .toLowerCase();
}

function safeFromCodePoint(cp: number): string {
  return cp <= 0x10ffff ? String.fromCodePoint(cp) : '';
}

export type UrlVerdict =
  | { kind: 'script' }
  | { kind: 'relative' }
  | { kind: 'other-scheme' }
  | { kind: 'web'; host: string; allowed: boolean; carriesData: boolean };

/** Classifies a URL written in a link or attribute. Never throws. */
export function judgeUrl(raw: string, allow: DomainAllowList): UrlVerdict {
  const compact = decodeUrlAttribute(raw);
  if (SCRIPT_SCHEME.test(compact) || HTML_DATA.test(compact)) return { kind: 'script' };
  let url: URL;
  try {
    if (compact.startsWith('//')) url = new URL(`https:${raw.trim()}`);
    else if (/^www\./i.test(raw)) url = new URL(`https://${raw.trim()}`);
    else if (/^[a-z][a-z0-9+.-]*:/.test(compact)) url = new URL(raw.trim());
    else return { kind: 'relative' };
  } catch {
    return { kind: 'relative' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { kind: 'other-scheme' };
  const host = url.hostname.replace(/\.$/, '');
  return { kind: 'web', host, allowed: allow.allows(host), carriesData: carriesData(url) };
}

/** A query value, fragment or path segment long enough to hold a secret or a conversation excerpt. */
function carriesData(url: URL): boolean {
  for (const [key, value] of url.searchParams) {
    if (key.length >= DATA_MIN_LENGTH || value.length >= DATA_MIN_LENGTH) return true;
  }
  if (url.hash.length > DATA_MIN_LENGTH) return true;
  for (const segment of url.pathname.split('/')) {
    if (segment.length >= DATA_MIN_LENGTH * 1.5 && /[A-Za-z]/.test(segment) && /\d|%/.test(segment)) return true;
  }
  return false;
}

/** Escapes text for HTML so it displays instead of running. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
