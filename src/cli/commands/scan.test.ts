import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledCatalog } from '../../catalog/catalog.js';
import { WorkloadProfileSchema } from '../../catalog/workload-profile.js';
import { ASSESSMENT_SCHEMA_VERSION, type Assessment } from '../../findings/assessment.js';
import type { Finding } from '../../findings/finding.js';
import { makeContext, render } from '../../findings/reporters/index.js';
import { scanPaths } from '../../posture/engine.js';
import { jsonReportChunks } from './scan.js';

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
      const chunks = [...jsonReportChunks(a, ctx)];
      expect(chunks.join('')).toBe(render('json', a, ctx));
    }
    expect(withSuppression.length).toBeGreaterThan(50);
  });
});
