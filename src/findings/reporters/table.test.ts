import { describe, expect, it } from 'vitest';
import { VIEWS } from '../../catalog/schema.js';
import { fixtureCatalog, sampleAssessment, sampleFindings } from '../__fixtures__/sample-assessment.js';
import { type Assessment, rollup, type Tally } from '../assessment.js';
import { atOrAbove, type Finding, isOpenFailure, SEVERITIES, type Severity } from '../finding.js';
import { MAX_TABLE_ROWS, renderTable } from './table.js';
import type { ReportContext } from './types.js';

const catalog = fixtureCatalog();
const ESC = '\u001b';

function context(a: Assessment, opts: Partial<ReportContext> = {}): ReportContext {
  return { catalog, rollup: rollup(a.findings, catalog), failOn: 'high', color: false, ...opts };
}

function render(a = sampleAssessment(), opts: Partial<ReportContext> = {}, width?: number) {
  const ctx = context(a, opts);
  return { out: renderTable(a, ctx, width), ctx };
}

/** The lines of one block: from its heading to the next blank line. */
function block(out: string, heading: string): string[] {
  const lines = out.split('\n');
  const start = lines.findIndex((l) => l.startsWith(heading));
  expect(start, `block "${heading}"`).toBeGreaterThanOrEqual(0);
  const end = lines.findIndex((l, i) => i > start && l.trim() === '');
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

/** Parse `  label  failed  passed  suppressed` rows of a summary grid. */
function grid(out: string, heading: string): Map<string, number[]> {
  return new Map(
    block(out, heading).map((l) => {
      const [label, ...nums] = l.trim().split(/\s+/);
      return [label!, nums.map(Number)];
    }),
  );
}

const counts = (t: Tally) => [t.failed, t.passed, t.suppressed];

const finding = (over: Partial<Finding>): Finding => ({
  ruleId: 'rule-x',
  title: 'Rule x',
  severity: 'medium',
  status: 'fail',
  message: 'Something is wrong.',
  resource: { type: 'AWS::S3::Bucket', id: 'Bucket', file: 'infra/template.yaml', line: 1 },
  controls: ['dp-kms-cmk-at-rest'],
  part: 'posture',
  ...over,
});

describe('renderTable', () => {
  it('heads the report with workload, scope and where it came from, and the regulated verdict with reasons', () => {
    const a = sampleAssessment();
    const { out } = render(a);
    const head = out.split('\n').slice(0, 4).join('\n');
    expect(head).toContain(a.profile.name);
    expect(head).toMatch(/scope\s+4 · Fine-tuned models \(inferred from AWS::SageMaker::TrainingJob/);
    expect(head).toMatch(/regulated\s+yes: must meet gdpr, soc2/);

    const declared = { ...a, scope: { scope: 3 as const, source: 'declared' as const, evidence: [] } };
    const unregulated = { ...declared, regulated: { regulated: false, reasons: [] } };
    const out2 = render(unregulated).out;
    expect(out2).toMatch(/scope\s+3 · Pre-trained models \(declared\)/);
    expect(out2).toMatch(/regulated\s+no\n/);
  });

  it('shows per-view and per-severity counts equal to the roll-up', () => {
    const { out, ctx } = render();
    const byView = grid(out, 'By view');
    expect([...byView.keys()]).toEqual([...VIEWS]);
    for (const v of VIEWS) expect(byView.get(v), v).toEqual(counts(ctx.rollup.byView[v]));
    // The sample must exercise the grid, or this test proves little.
    expect(ctx.rollup.byView.security.failed).toBeGreaterThan(0);

    const bySeverity = grid(out, 'By severity');
    expect([...bySeverity.keys()]).toEqual([...SEVERITIES]);
    for (const s of SEVERITIES) expect(bySeverity.get(s), s).toEqual(counts(ctx.rollup.bySeverity[s]!));
  });

  it('lists open failures worst first in aligned columns with file:line', () => {
    const a = sampleAssessment();
    const { out } = render(a);
    const open = a.findings.filter(isOpenFailure);
    const rows = block(out, `Open failures (${open.length})`);
    const [head, ...body] = rows;
    expect(head).toMatch(/SEVERITY\s+RULE\s+RESOURCE\s+LOCATION\s+MESSAGE/);
    expect(body).toHaveLength(open.length);
    expect(body[0]).toMatch(
      /^ {2}critical {2}iam-no-wildcard-ai-actions\s+ChatbotRole\s+infra\/template\.yaml:40\s+Policy/,
    );
    expect(body[1]).toMatch(/^ {2}high\s+s3-bucket-kms-encryption\s+TrainingData\s+infra\/template\.yaml:12\s+Bucket/);
    // Every column starts at the same offset on every row.
    for (const col of ['RULE', 'RESOURCE', 'LOCATION', 'MESSAGE']) {
      const at = head!.indexOf(col);
      for (const r of body) expect(r[at - 1], `${col} in ${r}`).toBe(' ');
      for (const r of body) expect(r[at], `${col} in ${r}`).not.toBe(' ');
    }
  });

  it('truncates messages to the terminal width and aligns non-ASCII text by characters', () => {
    const long = 'x'.repeat(300);
    const a = sampleAssessment([
      finding({ ruleId: 'rule-a', resource: { type: 'T', id: 'Bücket-ü', file: 'a.yaml', line: 1 }, message: long }),
      finding({
        ruleId: 'rule-b',
        resource: { type: 'T', id: 'Bucket-zz', file: 'a.yaml', line: 2 },
        message: 'short',
      }),
    ]);
    for (const width of [80, 120, 200]) {
      const rows = block(render(a, {}, width).out, 'Open failures (2)').slice(1);
      expect([...rows[0]!].length).toBe(width);
      expect(rows[0]!.endsWith('x…')).toBe(true);
      expect([...rows[1]!].length).toBeLessThanOrEqual(width);
      expect(rows[1]!.endsWith('short')).toBe(true);
      // Both messages start at the same character column although one resource id has umlauts.
      expect([...rows[0]!].indexOf('x')).toBe([...rows[1]!].length - 'short'.length);
    }
    // Default width is 120.
    expect([...block(render(a).out, 'Open failures (2)')[1]!].length).toBe(120);
  });

  it('prints each suppressed finding with its reason and where it was declared', () => {
    const { out } = render();
    const lines = block(out, 'Suppressed (1)');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('bedrock-invocation-logging');
    expect(lines[0]).toContain('Accepted until Q3: logging handled by the platform team');
    expect(lines[0]).toContain('baseline: .steward-baseline.json');
  });

  it('lists errored checks, failed parts and unknown control ids', () => {
    const a = sampleAssessment([
      ...sampleFindings(),
      finding({ ruleId: 'typo-rule', controls: ['no-such-control'], status: 'pass' }),
    ]);
    a.parts.push({ part: 'guard', status: 'error', durationMs: 3, error: 'policy file missing' });
    const lines = block(render(a).out, 'Errors (3)');
    expect(lines[0]).toMatch(/cfn-parse\s+infra\/broken\.yaml:3\s+invalid YAML: bad indentation/);
    expect(lines[1]).toContain('part guard failed: policy file missing');
    expect(lines[2]).toContain('no-such-control');
  });

  it('ends with FAIL and the number of open findings at or above the threshold', () => {
    const a = sampleAssessment();
    for (const failOn of ['critical', 'high', 'medium', 'low'] as Severity[]) {
      const n = a.findings.filter((f) => isOpenFailure(f) && atOrAbove(f.severity, failOn)).length;
      const last = render(a, { failOn }).out.trimEnd().split('\n').at(-1)!;
      const noun = n === 1 ? 'finding' : 'findings';
      expect(last).toMatch(new RegExp(`^FAIL: ${n} open ${noun} at or above ${failOn} \\(1 error`));
    }
  });

  it('ends with PASS when nothing open reaches the threshold, and renders an empty assessment', () => {
    const medium = sampleAssessment([finding({ severity: 'medium' })]);
    expect(render(medium).out.trimEnd().split('\n').at(-1)).toBe('PASS (1 open finding below high)');

    const empty = sampleAssessment([]);
    empty.parts = [];
    const { out } = render(empty);
    expect(out).toContain('Checks  0 findings: 0 failed, 0 passed, 0 suppressed, 0 skipped, 0 errors');
    expect(block(out, 'Open failures (0)')).toEqual(['  none']);
    expect(out).not.toContain('Suppressed (');
    expect(out).not.toContain('Errors (');
    expect(out.trimEnd().split('\n').at(-1)).toBe('PASS');
  });

  it('uses ANSI colours only when asked, and never lets a finding inject escape sequences', () => {
    expect(render(sampleAssessment(), { color: true }).out).toContain(`${ESC}[`);

    const hostile = sampleAssessment([
      finding({
        severity: 'critical',
        message: `evil ${ESC}[2J${ESC}]8;;http://x${ESC}\\ line\nbreak \u202eeverse`,
        resource: { type: 'T', id: `id${ESC}[31m`, file: `f${ESC}[0m.yaml`, line: 3 },
        suppression: undefined,
      }),
    ]);
    hostile.profile.name = `name${ESC}[1m`;
    const { out } = render(hostile, { color: false });
    expect(out).not.toContain(ESC);
    expect(out).not.toContain('\u202e');
    expect(out).toContain('evil');
    // The newline inside the message did not split the row.
    expect(block(out, 'Open failures (1)')).toHaveLength(2);
    // With colour on, the only escapes are picocolors' own SGR codes.
    const coloured = render(hostile, { color: true }).out;
    expect(coloured.replace(/\u001b\[\d+m/g, '')).not.toContain(ESC);
  });
});

describe('renderTable with very many findings', () => {
  it('caps the listing, counts everything in the verdict, and does not overflow the stack', () => {
    const base = sampleFindings()[1]!;
    const many = Array.from({ length: 200_000 }, (_, i) => ({
      ...base,
      resource: { ...base.resource, id: `Role${i}` },
    }));
    const a = sampleAssessment(many);
    const out = renderTable(a, {
      catalog: fixtureCatalog(),
      rollup: rollup(a.findings, fixtureCatalog()),
      failOn: 'high',
      color: false,
    });
    expect(out).toContain(`… and ${200_000 - MAX_TABLE_ROWS} more`);
    expect(out).toMatch(/FAIL: 200000 open findings at or above high/);
    expect(out.split('\n').length).toBeLessThan(MAX_TABLE_ROWS + 100);
  });
});
