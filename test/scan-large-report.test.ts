import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeSyntheticCorpus } from '../src/posture/perf/synthetic.js';

const repo = join(import.meta.dirname, '..');
const bin = join(repo, 'bin', 'steward.js');

function steward(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: repo,
    encoding: 'utf8',
    env: { ...process.env, CI: '1' },
  });
  return { code: r.status, stderr: r.stderr };
}

/** The report without what differs from run to run. */
const stable = (file: string) =>
  readFileSync(file, 'utf8').replace(/"(startedAt|finishedAt|durationMs)": [^,\n]+/g, '');

describe('steward scan: a large json report', () => {
  it('printed while the scan runs is the report printed after it (with a baseline, nothing is printed early)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'steward-large-'));
    const corpus = join(dir, 'corpus');
    // Enough templates for more findings than the report streams above (20,000), over several workers' chunks.
    writeSyntheticCorpus(corpus, 260, 7);
    const baseline = join(dir, 'baseline.json');
    writeFileSync(baseline, JSON.stringify({ version: 1, createdAt: '2026-01-01T00:00:00Z', entries: [] }));
    const early = join(dir, 'early.json');
    const late = join(dir, 'late.json');
    const a = steward(['scan', corpus, '--format', 'json', '-o', early, '--jobs', '2']);
    const b = steward(['scan', corpus, '--format', 'json', '-o', late, '--jobs', '2', '--baseline', baseline]);
    expect([a.code, b.code]).toEqual([1, 1]);
    const report = JSON.parse(readFileSync(early, 'utf8')) as { findings: unknown[] };
    expect(report.findings.length).toBeGreaterThan(20_000);
    expect(stable(early)).toBe(stable(late));
    // Nothing but the report is left beside it.
    expect(readdirSync(dir).sort()).toEqual(['baseline.json', 'corpus', 'early.json', 'late.json']);
  }, 120_000);

  it('is the same when findings of two plans point at one .tf file (printed the ordinary way then)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'steward-two-plans-'));
    const fixtures = join(repo, 'src', 'posture', 'sources', 'terraform', '__fixtures__', 'comments');
    cpSync(fixtures, join(dir, 'stack'), { recursive: true });
    // A second plan of the same configuration (dev and prod, say): its resources are declared by the same blocks.
    cpSync(join(fixtures, 'plan.json'), join(dir, 'stack', 'plan-prod.json'));
    const baseline = join(dir, 'baseline.json');
    writeFileSync(baseline, JSON.stringify({ version: 1, createdAt: '2026-01-01T00:00:00Z', entries: [] }));
    const early = join(dir, 'early.json');
    const late = join(dir, 'late.json');
    const a = steward(['scan', join(dir, 'stack'), '--format', 'json', '-o', early]);
    const b = steward(['scan', join(dir, 'stack'), '--format', 'json', '-o', late, '--baseline', baseline]);
    expect([a.code, b.code]).toEqual([1, 1]);
    const report = JSON.parse(readFileSync(early, 'utf8')) as { findings: { resource: { file: string | null } }[] };
    expect(new Set(report.findings.map((f) => (f.resource.file ?? '').replace(/.*stack\//, '')))).toContain('main.tf');
    expect(stable(early)).toBe(stable(late));
  }, 60_000);
});
