import { isIPv6 } from 'node:net';
import type { Span } from '../../types.js';
import { type Detector, HAS_DIGIT } from './detector.js';
import { clampScore, cueBefore, isAsciiAlnumCode } from './text-utils.js';

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
/** Dotted quad of valid octets, not part of a longer dotted number (version strings "1.2.3.4.5", OIDs). */
const IPV4 = new RegExp(`(?<![\\w.])${OCTET}(?:\\.${OCTET}){3}(?![\\w]|\\.\\d)`, 'g');
/** Two colons around at most 4 hex digits: every IPv6 address has this, prose almost never does. */
const IPV6_SEED = /:[0-9A-Fa-f]{0,4}:/g;

/** [0-9A-Fa-f:.] by char code: called per character around each seed. */
function isIpv6Code(c: number): boolean {
  return (c >= 48 && c <= 58) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102) || c === 46;
}

/** \w by char code (ASCII letters, digits, underscore). */
function isWordCode(c: number): boolean {
  return isAsciiAlnumCode(c) || c === 95;
}
const CUE = /\b(?:ip|ipv4|ipv6|address|addr|host|server|client|from|login|connect(?:ed|ion)?|src|dst)\b/i;
const VERSION_CUE = /\b(?:v|version|ver\.?|release|build)\s*$/i;

/** IPv4 and IPv6 addresses. */
export const ipAddressDetector: Detector = {
  entities: ['IP_ADDRESS'],
  needs: HAS_DIGIT,
  detect(text: string, out: Span[]): void {
    IPV4.lastIndex = 0;
    for (let m = IPV4.exec(text); m !== null; m = IPV4.exec(text)) {
      if (cueBefore(text, m.index, VERSION_CUE, 12)) continue;
      const score = cueBefore(text, m.index, CUE, 32) ? 0.95 : 0.8;
      out.push({ start: m.index, end: m.index + m[0].length, entity: 'IP_ADDRESS', score });
    }
    if (text.indexOf(':') === -1) return;
    IPV6_SEED.lastIndex = 0;
    for (let m = IPV6_SEED.exec(text); m !== null; m = IPV6_SEED.exec(text)) {
      // Expand the seed to the whole run of address characters (at most 45: the longest textual IPv6 address).
      let start = m.index;
      while (start > 0 && m.index - start < 45 && isIpv6Code(text.charCodeAt(start - 1))) start--;
      let end = m.index + m[0].length;
      while (end < text.length && end - start < 45 && isIpv6Code(text.charCodeAt(end))) end++;
      IPV6_SEED.lastIndex = Math.max(IPV6_SEED.lastIndex, end);
      // A sentence's full stop or colon after the address is not part of it; a zone id ("%eth0") is.
      while (end > start && (text[end - 1] === '.' || (text[end - 1] === ':' && text[end - 2] !== ':'))) end--;
      if (text[end] === '%') {
        const zone = /^%[0-9A-Za-z]{1,15}/.exec(text.slice(end, end + 16));
        if (zone) end += zone[0].length;
      }
      if (
        (start > 0 && isWordCode(text.charCodeAt(start - 1))) ||
        (end < text.length && isWordCode(text.charCodeAt(end)))
      ) {
        continue;
      }
      const bare = text.slice(start, end).replace(/%.*$/, '');
      // "a::b" is a valid address but usually C++ or Rust; require a digit and at least three groups or "::" + 2.
      if (!/\d/.test(bare) || !isIPv6(bare)) continue;
      const groups = bare.split(':').filter((g) => g !== '').length;
      if (groups < 3 && !(bare.includes('::') && groups >= 2)) continue;
      const score = clampScore(cueBefore(text, start, CUE, 32) ? 0.95 : 0.85);
      out.push({ start, end, entity: 'IP_ADDRESS', score });
    }
  },
};
