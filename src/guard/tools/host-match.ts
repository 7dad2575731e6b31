/**
 * Denied hosts for tool arguments (SSRF, LLM06): host names (`example.com` also covers its subdomains), globs
 * (`*.internal`), IPv4/IPv6 CIDR blocks (`10.0.0.0/8`, `fc00::/7`) and the keyword `private` (loopback, RFC 1918,
 * link-local incl. the cloud metadata address 169.254.169.254, unique-local IPv6, `localhost`, `*.internal`,
 * `*.local`). Candidate hosts go through the WHATWG URL parser first, so `http://2130706433/`,
 * `http://0x7f.1/` and `http://127.1/` all read as 127.0.0.1.
 */

export interface HostRule {
  pattern: string;
  test(host: string): boolean;
}

const PRIVATE: readonly string[] = [
  'localhost',
  '*.localhost',
  '*.internal',
  '*.local',
  '0.0.0.0/8',
  '10.0.0.0/8',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '::1/128',
  '::/128',
  'fc00::/7',
  'fe80::/10',
];

/** Expands `private` and compiles each pattern; throws a plain Error naming a malformed pattern. */
export function compileHostRules(patterns: readonly string[]): HostRule[] {
  const out: HostRule[] = [];
  for (const raw of patterns) {
    const pattern = raw.trim().toLowerCase();
    if (pattern === 'private') {
      for (const p of PRIVATE) out.push(compileOne(p, 'private'));
    } else out.push(compileOne(pattern, raw));
  }
  return out;
}

function compileOne(pattern: string, label: string): HostRule {
  const slash = pattern.indexOf('/');
  if (slash >= 0) {
    const bits = Number(pattern.slice(slash + 1));
    const base = parseIp(pattern.slice(0, slash));
    const width = base?.length === 4 ? 32 : 128;
    if (!base || !Number.isInteger(bits) || bits < 0 || bits > width) {
      throw new Error(`"${label}" is not a valid CIDR block (e.g. 10.0.0.0/8 or fc00::/7)`);
    }
    return { pattern: label, test: (host) => inCidr(parseIp(host), base, bits) };
  }
  if (pattern.includes('*')) {
    const suffix = pattern.replace(/^\*\./, '.');
    if (suffix.includes('*')) throw new Error(`"${label}": only a leading "*." wildcard is supported`);
    return { pattern: label, test: (host) => host.endsWith(suffix) };
  }
  const host = canonicalHost(pattern);
  if (!host) throw new Error(`"${label}" is not a host name, IP address or CIDR block`);
  if (parseIp(host)) return { pattern: label, test: (h) => h === host };
  return { pattern: label, test: (h) => h === host || h.endsWith(`.${host}`) };
}

/** Host of a URL-ish or host-ish string, canonical (lower case, IPs normalised, no brackets); undefined otherwise. */
export function hostOf(value: string): string | undefined {
  const v = value.trim();
  if (v.length === 0 || v.length > 2048 || /\s/.test(v)) return undefined;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(v)) {
    try {
      return stripHost(new URL(v).hostname);
    } catch {
      return undefined;
    }
  }
  // A bare host or host:port (`db.internal:5432`, `10.0.0.5`, `[::1]`). Stricter than URL hosts, so that numbers
  // (`10.5`, `100`) and version strings in arguments are not read as IPv4 addresses.
  if (/^\[?[0-9a-f]*:[0-9a-f:.]*\]?$/i.test(v) && parseIp(v)) return canonicalHost(v.startsWith('[') ? v : `[${v}]`);
  const bare = v.replace(/^(\[[^\]]*\]|[^:]+):\d{1,5}$/, '$1');
  if (bare.startsWith('[')) return parseIp(bare) ? canonicalHost(bare) : undefined;
  if (/^\d{1,3}(?:\.\d{1,3}){3}$/.test(bare)) return canonicalHost(bare);
  const labels = bare.split('.');
  if (!/^[a-z0-9_-]+(?:\.[a-z0-9_-]+)*\.?$/i.test(bare)) return undefined;
  if (labels.length < 2 && bare.toLowerCase() !== 'localhost') return undefined;
  if (!/[a-z]/i.test(labels[labels.length - 1] || labels[labels.length - 2] || '')) return undefined;
  return canonicalHost(bare);
}

function canonicalHost(host: string): string | undefined {
  try {
    return stripHost(new URL(`http://${host}/`).hostname) || undefined;
  } catch {
    return undefined;
  }
}

function stripHost(hostname: string): string {
  return hostname
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
}

/** IPv4 → 4 bytes, IPv6 → 16 bytes; undefined when not an IP literal. */
export function parseIp(text: string): number[] | undefined {
  const s = text.replace(/^\[|\]$/g, '');
  if (/^\d{1,3}(?:\.\d{1,3}){3}$/.test(s)) {
    const parts = s.split('.').map(Number);
    return parts.every((p) => p <= 255) ? parts : undefined;
  }
  if (!s.includes(':') || !/^[0-9a-f:.]+$/i.test(s)) return undefined;
  let head = s;
  let tail4: number[] = [];
  const lastColon = s.lastIndexOf(':');
  if (s.slice(lastColon + 1).includes('.')) {
    const v4 = parseIp(s.slice(lastColon + 1));
    if (!v4) return undefined;
    tail4 = v4;
    head = `${s.slice(0, lastColon + 1)}0:0`;
  }
  const halves = head.split('::');
  if (halves.length > 2) return undefined;
  const groups = (h: string) => (h === '' ? [] : h.split(':'));
  const left = groups(halves[0]!);
  const right = halves.length === 2 ? groups(halves[1]!) : [];
  const missing = 8 - left.length - right.length;
  if ((halves.length === 1 && missing !== 0) || missing < 0) return undefined;
  const all = [...left, ...new Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...right];
  const bytes: number[] = [];
  for (const g of all) {
    if (!/^[0-9a-f]{1,4}$/i.test(g)) return undefined;
    const n = Number.parseInt(g, 16);
    bytes.push(n >> 8, n & 255);
  }
  if (tail4.length) bytes.splice(12, 4, ...tail4);
  return bytes;
}

function inCidr(ip: number[] | undefined, base: readonly number[], bits: number): boolean {
  if (!ip) return false;
  // An IPv4 address also matches IPv4-mapped IPv6 blocks and the reverse.
  if (ip.length !== base.length) {
    if (ip.length === 16 && base.length === 4 && isV4Mapped(ip)) ip = ip.slice(12);
    else if (ip.length === 4 && base.length === 16) ip = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, ...ip];
    else return false;
  }
  let left = bits;
  for (let i = 0; i < base.length && left > 0; i++) {
    const take = Math.min(8, left);
    const mask = (0xff << (8 - take)) & 0xff;
    if ((ip[i]! & mask) !== (base[i]! & mask)) return false;
    left -= take;
  }
  return true;
}

function isV4Mapped(ip: readonly number[]): boolean {
  for (let i = 0; i < 10; i++) if (ip[i] !== 0) return false;
  return ip[10] === 0xff && ip[11] === 0xff;
}
