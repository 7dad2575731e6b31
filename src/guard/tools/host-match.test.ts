import { describe, expect, it } from 'vitest';
import { compileHostRules, hostOf, parseIp } from './host-match.js';

const denied = (patterns: string[], value: string) => {
  const host = hostOf(value);
  return host !== undefined && compileHostRules(patterns).some((r) => r.test(host));
};

describe('host rules', () => {
  it('blocks private and metadata addresses however they are written', () => {
    for (const v of [
      'http://169.254.169.254/latest/meta-data/',
      'http://2130706433/',
      'http://0x7f.0.0.1/',
      'http://127.1:8080/admin',
      'http://[::1]/',
      'http://[::ffff:127.0.0.1]/',
      'localhost:6379',
      'db.internal',
      '10.1.2.3',
      'https://printer.local/status',
      'http://[fd00::1]/',
    ]) {
      expect(denied(['private'], v), v).toBe(true);
    }
  });

  it('does not mistake public hosts, numbers or versions for private hosts (near misses)', () => {
    for (const v of ['https://example.com/', '8.8.8.8', '100', '10.5', '1.2.3', 'hello', 'http://[2001:db8::1]/']) {
      expect(denied(['private'], v), v).toBe(false);
    }
  });

  it('matches names with their subdomains, leading wildcards and CIDR blocks', () => {
    expect(denied(['evil.example'], 'https://a.b.evil.example/x')).toBe(true);
    expect(denied(['evil.example'], 'https://notevil.example/x')).toBe(false);
    expect(denied(['*.corp'], 'git.corp:22')).toBe(true);
    expect(denied(['203.0.113.0/24'], 'http://203.0.113.77/')).toBe(true);
    expect(denied(['203.0.113.0/24'], 'http://203.0.114.1/')).toBe(false);
    expect(denied(['2001:db8::/32'], 'http://[2001:db8:1::5]/')).toBe(true);
  });

  it('rejects malformed patterns with a message naming them', () => {
    expect(() => compileHostRules(['10.0.0.0/33'])).toThrow(/10\.0\.0\.0\/33/);
    expect(() => compileHostRules(['a*b.example'])).toThrow(/wildcard/);
    expect(() => compileHostRules(['not a host'])).toThrow(/not a host/);
  });

  it('parses IPv4 and IPv6 literals, including embedded IPv4', () => {
    expect(parseIp('192.168.0.1')).toEqual([192, 168, 0, 1]);
    expect(parseIp('::ffff:1.2.3.4')?.slice(10)).toEqual([0xff, 0xff, 1, 2, 3, 4]);
    expect(parseIp('1::2::3')).toBeUndefined();
    expect(parseIp('256.1.1.1')).toBeUndefined();
  });
});
