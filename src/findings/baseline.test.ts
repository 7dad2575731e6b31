import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleFindings } from './__fixtures__/sample-assessment.js';
import { applyBaseline, createBaseline, readBaseline, writeBaseline } from './baseline.js';
import type { Finding } from './finding.js';

const fresh = () => sampleFindings().map((f) => ({ ...f, resource: { ...f.resource } }) as Finding);

describe('baseline', () => {
  it('captures open failures only, and suppresses them on the next run even after lines move', () => {
    const b = createBaseline(fresh(), 'accepted at adoption', new Date('2026-01-01T00:00:00Z'));
    // The sample has two open failures; the baseline-suppressed one and passes are not captured.
    expect(b.entries.map((e) => e.ruleId)).toEqual(['s3-bucket-kms-encryption', 'iam-no-wildcard-ai-actions']);
    const next = fresh();
    next[0]!.resource.line = 99;
    const { stale } = applyBaseline(next, b, '.steward-baseline.json');
    expect(stale).toEqual([]);
    expect(next[0]!.suppression).toEqual({
      kind: 'baseline',
      reason: 'accepted at adoption',
      source: '.steward-baseline.json',
    });
    expect(next[0]!.status).toBe('fail');
    expect(next[2]!.suppression).toBeUndefined();
  });

  it('does not match a finding on another resource or file, and reports stale entries', () => {
    const b = createBaseline(fresh(), 'r');
    const next = fresh();
    next[0]!.resource.file = 'infra/other.yaml';
    const { stale } = applyBaseline(next, b, 'b.json');
    expect(next[0]!.suppression).toBeUndefined();
    expect(stale.map((e) => e.ruleId)).toEqual(['s3-bucket-kms-encryption']);
  });

  it('round-trips through a file and rejects malformed ones with the file named', () => {
    const dir = mkdtempSync(join(tmpdir(), 'steward-baseline-'));
    const file = join(dir, 'b.json');
    writeBaseline(file, createBaseline(fresh(), 'r'));
    expect(readBaseline(file).entries).toHaveLength(2);
    writeFileSync(
      file,
      '{"version":1,"createdAt":"x","entries":[{"ruleId":"a","resourceType":"t","resourceId":"i","reason":""}]}',
    );
    expect(() => readBaseline(file)).toThrow(/b\.json: entries\.0\.reason: every baseline entry needs a reason/);
    writeFileSync(file, '{not json');
    expect(() => readBaseline(file)).toThrow(/b\.json: not a valid baseline/);
    expect(() => readBaseline(join(dir, 'missing.json'))).toThrow(/missing\.json: baseline file not found/);
    expect(readFileSync(join(dir, 'b.json'), 'utf8')).toBe('{not json');
  });
});
