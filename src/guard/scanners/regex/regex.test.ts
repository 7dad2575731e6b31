import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ScanContext } from '../../types.js';
import { regexScanner } from './index.js';

const ctx: ScanContext = { direction: 'input', role: 'user', route: 'default' };
const scanner = (o: unknown) => regexScanner.create(regexScanner.options.parse(o));

describe('regex scanner', () => {
  it('returns every match of every pattern as a span with UTF-16 offsets', () => {
    const s = scanner({
      patterns: ['\\bproject-[a-z]+\\b', { pattern: 'internal\\.corp', entity: 'INTERNAL_HOST', ignoreCase: true }],
    });
    const text = '😀 project-apollo on INTERNAL.corp and project-zeus';
    const r = s.scan(text, ctx);
    expect(r.score).toBe(1);
    expect(r.spans.map((sp) => [text.slice(sp.start, sp.end), sp.entity])).toEqual([
      ['project-apollo', 'DENIED_PATTERN'],
      ['project-zeus', 'DENIED_PATTERN'],
      ['INTERNAL.corp', 'INTERNAL_HOST'],
    ]);
    expect(s.scan('nothing to see', ctx)).toEqual({ score: 0, spans: [] });
  });

  it('ignores empty matches', () => {
    expect(scanner({ patterns: ['x*'] }).scan('abc', ctx).score).toBe(0);
  });

  it('rejects patterns RE2 cannot run in linear time', () => {
    const r = regexScanner.options.safeParse({ patterns: ['ok', '(a)\\1'] });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['patterns', 1]);
    expect(regexScanner.options.safeParse({ patterns: [] }).success).toBe(false);
    expect(regexScanner.options.safeParse({ patterns: [{ pattern: 'a', entity: 'lower' }] }).success).toBe(false);
  });

  it('stays linear on an input that makes backtracking engines explode', () => {
    const s = scanner({ patterns: ['(a+)+$'] });
    const t0 = performance.now();
    s.scan(`${'a'.repeat(5000)}!`, ctx);
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  it('never throws on any string', () => {
    const s = scanner({ patterns: ['[0-9]{3}', { pattern: 'é+', ignoreCase: true }] });
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (text) => {
        const r = s.scan(text, ctx);
        for (const sp of r.spans) {
          expect(sp.start).toBeGreaterThanOrEqual(0);
          expect(sp.end).toBeLessThanOrEqual(text.length);
          expect(sp.end).toBeGreaterThan(sp.start);
        }
      }),
    );
  });
});
