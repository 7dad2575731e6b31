import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledCatalog } from '../../catalog/catalog.js';
import { WorkloadProfileSchema } from '../../catalog/workload-profile.js';
import { ASSESSMENT_SCHEMA_VERSION, type Assessment } from '../../findings/assessment.js';
import type { Finding } from '../../findings/finding.js';
import { makeContext, render } from '../../findings/reporters/index.js';
import { multibyteFindings } from '../../findings/reporters/multibyte-findings.test-support.js';
import { scanPaths } from '../../posture/engine.js';
import { jsonReportChunks, writeJsonReport } from './scan.js';

const assessmentOf = (findings: Finding[]): Assessment => ({
  schemaVersion: ASSESSMENT_SCHEMA_VERSION,
  tool: { name: 'steward', version: '0.0.0' },
  target: 'x',
  startedAt: '2026-01-01T00:00:00.000Z',
  finishedAt: '2026-01-01T00:00:01.000Z',
  profile: WorkloadProfileSchema.parse({ name: 'x' }),
  scope: { scope: 3, source: 'default', evidence: [] },
  regulated: { regulated: false, reasons: [] },
  parts: [{ part: 'posture', status: 'ok', durationMs: 1, summary: 's' }],
  findings,
});

/** The chunks of a streamed report, as the bytes written. */
const bytesOf = (chunks: Iterable<string | Buffer>) =>
  Buffer.concat([...chunks].map((c) => (typeof c === 'string' ? Buffer.from(c) : c)));

describe('streamed JSON report', () => {
  it('is byte-identical to the json reporter, with and without findings', () => {
    const repo = join(import.meta.dirname, '..', '..', '..');
    const scanned = scanPaths([join(repo, 'examples'), join(repo, 'src', 'posture', '__fixtures__')], { root: repo });
    const withSuppression = scanned.findings.map((f, i) =>
      i === 3 ? { ...f, suppression: { kind: 'inline' as const, reason: 'accepted\nrisk "quoted"' } } : f,
    );
    for (const findings of [[], withSuppression]) {
      const a = assessmentOf(findings);
      const ctx = makeContext(a, bundledCatalog(), { failOn: 'high' });
      expect(bytesOf(jsonReportChunks(a, ctx)).toString()).toBe(render('json', a, ctx));
    }
    expect(withSuppression.length).toBeGreaterThan(50);
  });

  it('splits a large report into chunks without cutting a character, and passes a huge piece through whole', () => {
    const findings = multibyteFindings(6000, 1_500_000);
    const a = assessmentOf(findings);
    const ctx = makeContext(a, bundledCatalog(), { failOn: 'high' });
    const chunks = [...jsonReportChunks(a, ctx)];
    expect(chunks.filter((c) => typeof c !== 'string').length).toBeGreaterThan(2);
    // Each chunk is whole UTF-8 on its own.
    for (const c of chunks) if (typeof c !== 'string') expect(Buffer.from(c.toString('utf8')).equals(c)).toBe(true);
    expect(bytesOf(chunks).equals(Buffer.from(render('json', a, ctx)))).toBe(true);
  });

  it('writes the streamed report to a file, and names the file it cannot write', async () => {
    const finding: Finding = {
      ruleId: 'r',
      title: 'T',
      severity: 'low',
      status: 'fail',
      message: 'm',
      resource: { type: 'AWS::S3::Bucket', id: 'B', file: 'a.json', line: 1 },
      controls: [],
      part: 'posture',
    };
    const findings = Array.from({ length: 20_000 }, (_, i) => ({
      ...finding,
      message: `bucket ${i} ${'x'.repeat(i % 90)}`,
    }));
    const a = assessmentOf(findings);
    const ctx = makeContext(a, bundledCatalog(), { failOn: 'high' });
    const dir = mkdtempSync(join(tmpdir(), 'steward-scan-'));
    const out = join(dir, 'nested', 'report.json');
    await writeJsonReport(a, ctx, out);
    expect(readFileSync(out, 'utf8')).toBe(render('json', a, ctx));
    await expect(writeJsonReport(a, ctx, dir)).rejects.toThrow(`${dir}: cannot write`);
  });
});
