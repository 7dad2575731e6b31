import { describe, expect, it } from 'vitest';
import { ipAddressDetector } from './ip-address.js';
import { found } from './test-helpers.js';

describe('ipAddressDetector', () => {
  it('finds IPv4 and IPv6 with exact spans', () => {
    expect(
      found(ipAddressDetector, 'from 203.0.113.7, then 2001:db8::8a2e:370:7334. Link fe80::1ff:fe23:4567:890a%eth0.'),
    ).toEqual(['203.0.113.7', '2001:db8::8a2e:370:7334', 'fe80::1ff:fe23:4567:890a%eth0']);
    expect(found(ipAddressDetector, 'mapped ::ffff:192.0.2.128 here')).toContain('::ffff:192.0.2.128');
  });

  it('rejects out-of-range octets, version strings, times and code', () => {
    for (const text of [
      '256.1.1.1',
      '1.2.3.4.5',
      'version 1.2.3.4',
      'meet at 12:30:45',
      'std::vector<int>',
      'a::b',
      'MAC 00:1A:2B:3C:4D:5E',
    ]) {
      expect(found(ipAddressDetector, text), text).toEqual([]);
    }
  });
});
