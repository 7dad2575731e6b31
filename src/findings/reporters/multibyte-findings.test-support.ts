import type { Finding } from '../finding.js';

/**
 * Findings for report-writing tests: multi-byte characters in title, file and message (UTF-8 of 2 and 4 bytes),
 * messages of varying length, ids in report order, and one finding of `huge` characters after the `hugeAfter`-th.
 */
export function multibyteFindings(count: number, huge: number, hugeAfter = count): Finding[] {
  const base: Finding = {
    ruleId: 's3-bucket-kms',
    title: 'Buckets use KMS — “managed” keys',
    severity: 'high',
    status: 'fail',
    message: '',
    resource: { type: 'AWS::S3::Bucket', id: 'B', file: 'stacks/ü.json', line: 1 },
    controls: ['dp-kms-cmk-at-rest'],
    part: 'posture',
  };
  const id = (i: number) => `B${String(i).padStart(6, '0')}`;
  const findings: Finding[] = Array.from({ length: count }, (_, i) => ({
    ...base,
    message: `bucket ${i} 🔐 ${'é'.repeat(i % 300)}`,
    resource: { ...base.resource, id: id(i), line: i + 1 },
  }));
  // Right after its neighbour in report order (same line, a greater id).
  const at = Math.min(hugeAfter, count);
  findings.splice(at, 0, {
    ...base,
    message: `huge ${'x'.repeat(huge)}`,
    resource: { ...base.resource, id: `${id(at - 1)}x`, line: at },
  });
  return findings;
}
