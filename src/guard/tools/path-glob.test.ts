import { describe, expect, it } from 'vitest';
import { compilePathGlob, normalisePath } from './path-glob.js';

const denied = (pattern: string, value: string) => {
  const p = normalisePath(value);
  return p !== undefined && compilePathGlob(pattern).test(p);
};

describe('path globs', () => {
  it('matches after normalising traversal, backslashes, file URLs and drive letters', () => {
    expect(denied('/etc/**', '/srv/app/../../etc/passwd')).toBe(true);
    expect(denied('/etc/**', 'file:///etc/shadow')).toBe(true);
    expect(denied('/c/windows/**', 'C:\\Windows\\System32\\config\\SAM')).toBe(true);
    expect(denied('**/.ssh/**', '/home/me/.ssh/id_rsa')).toBe(true);
    expect(denied('**/.ssh/**', '.ssh/id_rsa')).toBe(true);
  });

  it('matches basename patterns anywhere and * within one segment only', () => {
    expect(denied('*.pem', '/opt/certs/server.PEM')).toBe(true);
    expect(denied('.env', './app/.env')).toBe(true);
    expect(denied('/data/*/secret', '/data/a/secret')).toBe(true);
    expect(denied('/data/*/secret', '/data/a/b/secret')).toBe(false);
  });

  it('passes neighbouring paths (near misses)', () => {
    expect(denied('/etc/**', '/etcetera/file')).toBe(false);
    expect(denied('/etc/**', 'etc/passwd')).toBe(false);
    expect(denied('.env', '/app/.env.example')).toBe(false);
    expect(normalisePath('line one\nline two')).toBeUndefined();
  });

  it('stays fast on patterns with many ** (RE2, no backtracking)', () => {
    const rule = compilePathGlob('**/a/**/a/**/a/**/a/**/b');
    const path = `/${'a/'.repeat(2000)}c`;
    const t0 = performance.now();
    expect(rule.test(path)).toBe(false);
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});
