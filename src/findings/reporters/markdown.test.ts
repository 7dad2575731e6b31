import { describe, expect, it } from 'vitest';
import { fixtureCatalog, sampleAssessment, sampleFindings } from '../__fixtures__/sample-assessment.js';
import { rollup } from '../assessment.js';
import type { Finding, Severity } from '../finding.js';
import {
  COMMENT_MARKER,
  cell,
  GITHUB_COMMENT_LIMIT,
  MAX_FAILURE_ROWS,
  renderMarkdown,
  renderMarkdownWithLimit,
} from './markdown.js';
import type { ReportContext } from './types.js';

const catalog = fixtureCatalog();
function ctxFor(findings: readonly Finding[], failOn: Severity = 'high'): ReportContext {
  return { catalog, rollup: rollup(findings, catalog), failOn, color: false };
}
function render(findings: Finding[] = sampleFindings(), failOn: Severity = 'high'): string {
  return renderMarkdown(sampleAssessment(findings), ctxFor(findings, failOn));
}

/** Cells of a table row, split on pipes that markdown does not treat as escaped. */
function cells(row: string): string[] {
  return row
    .trim()
    .replace(/^\|/, '')
    .replace(/(?<!\\)\|$/, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());
}
function tableAfter(md: string, heading: string): string[][] {
  const lines = md.split('\n');
  const start = lines.findIndex((l) => l.startsWith(heading));
  expect(start, `heading ${heading}`).toBeGreaterThanOrEqual(0);
  const rows: string[] = [];
  for (const l of lines.slice(start + 1)) {
    if (l.startsWith('|')) rows.push(l);
    else if (rows.length > 0) break;
  }
  return rows.slice(2).map(cells); // drop header and separator
}
function failure(i: number, over: Partial<Finding> = {}): Finding {
  return {
    ruleId: `rule-${String(i).padStart(3, '0')}`,
    title: 'A check',
    severity: 'high',
    status: 'fail',
    message: `Problem number ${i}`,
    resource: { type: 'AWS::S3::Bucket', id: `Bucket${i}`, file: 'infra/t.yaml', line: i + 1 },
    controls: ['dp-kms-cmk-at-rest'],
    part: 'posture',
    ...over,
  };
}

describe('renderMarkdown', () => {
  it('leads with the verdict at failOn', () => {
    const md = render();
    expect(md.startsWith(`${COMMENT_MARKER}\n## ❌ Steward: 2 open failures at or above high`)).toBe(true);
    const lowOnly = sampleFindings().filter((f) => !(f.status === 'fail' && ['critical', 'high'].includes(f.severity)));
    expect(render(lowOnly)).toContain('## ✅ Steward: no open failures at or above high');
    expect(render(sampleFindings(), 'critical')).toContain('## ❌ Steward: 1 open failure at or above critical');
  });

  it('summarises by view and by severity from the roll-up', () => {
    const findings = sampleFindings();
    const md = render(findings);
    const r = rollup(findings, catalog);
    const views = tableAfter(md, '### By view');
    expect(views.map((c) => c[0])).toEqual(['Security', 'Governance', 'Compliance']);
    for (const row of views) {
      const t = r.byView[row[0]!.toLowerCase() as 'security'];
      expect(row.slice(1).map(Number)).toEqual([t.failed, t.passed, t.suppressed, t.skipped, t.errors]);
    }
    const sev = tableAfter(md, '### By severity');
    expect(sev.map((c) => c[0])).toEqual(['critical', 'high', 'medium', 'low', 'info']);
    expect(
      sev
        .find((c) => c[0] === 'medium')!
        .slice(1)
        .map(Number),
    ).toEqual([0, 1, 1, 0, 0]);
  });

  it('lists open failures with severity, rule, resource, file:line and message', () => {
    const findings = sampleFindings();
    const rows = tableAfter(render(findings), '### Open failures (2)');
    expect(rows).toHaveLength(2);
    expect(rows[0]![0]).toBe('critical');
    expect(rows[1]).toEqual([
      'high',
      `[s3-bucket-kms-encryption](${findings[0]!.docs})`,
      'TrainingData (AWS::S3::Bucket)',
      'infra/template.yaml:12',
      'Bucket TrainingData has no default encryption with a KMS key.',
    ]);
    // The suppressed failure is not an open failure.
    expect(rows.flat().join(' ')).not.toContain('bedrock-invocation-logging');
  });

  it(`caps the failures table at ${MAX_FAILURE_ROWS} rows and says how many more there are`, () => {
    const many = Array.from({ length: 73 }, (_, i) => failure(i));
    const md = render(many);
    expect(tableAfter(md, '### Open failures (73)')).toHaveLength(MAX_FAILURE_ROWS);
    expect(md).toContain(`_…and ${73 - MAX_FAILURE_ROWS} more._`);
  });

  it('escapes pipes, HTML, markdown and mentions in cells', () => {
    const nasty = failure(1, {
      message: 'a | b <script>alert(1)</script> *bold* [x](http://evil) ![i](http://t) @org/team `code`\nnext line',
      resource: { type: 'AWS::S3::Bucket', id: 'B|1', file: 'in|fra/t.yaml', line: 3 },
    });
    const md = render([nasty]);
    const rows = tableAfter(md, '### Open failures (1)');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toHaveLength(5);
    const msg = rows[0]![4]!;
    expect(msg).toContain('a \\| b');
    expect(msg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(msg).toContain('\\*bold\\*');
    expect(msg).toContain('\\[x\\](http://evil)');
    expect(msg).toContain('@&#8203;org/team');
    expect(msg).toContain('\\`code\\`');
    expect(rows[0]![3]).toBe('in\\|fra/t.yaml:3');
    expect(md).not.toMatch(/<script>/);
    // The HTML-ish parse error of the fixture is escaped in the errors list too.
    const fixture = render();
    expect(fixture).toContain('bad indentation &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(fixture).not.toContain('<script>');
  });

  it('shows requirement coverage per framework in collapsible sections', () => {
    const findings = sampleFindings();
    const md = render(findings);
    const r = rollup(findings, catalog);
    expect(md.match(/<details>/g)).toHaveLength(Object.keys(r.byFramework).length);
    expect(md.match(/<\/details>/g)).toHaveLength(Object.keys(r.byFramework).length);
    for (const fw of Object.values(r.byFramework)) {
      const n = (s: string) => fw.requirements.filter((q) => q.state === s).length;
      expect(md).toContain(
        `<b>${fw.title}</b>: ${n('failing')} failing · ${n('passing')} passing · ${n('no-evidence')} without evidence`,
      );
    }
    expect(md).toMatch(/\| SC-28 Protection of Information at Rest \| ❌ failing \| 1 \| 0 \| 0 \|/);
  });

  it('lists suppressed findings with their reasons', () => {
    const md = render();
    const section = md.slice(md.indexOf('### Suppressed (1)'));
    expect(section).toContain('bedrock-invocation-logging');
    expect(section).toContain('Accepted until Q3: logging handled by the platform team');
    expect(section).toContain('baseline, .steward-baseline.json');
  });

  it(`stays under GitHub's ${GITHUB_COMMENT_LIMIT}-character limit and says when it cut`, () => {
    const huge = Array.from({ length: 3000 }, (_, i) =>
      failure(i, { message: `${'@|<&'.repeat(400)} ${i}`, status: i % 3 === 0 ? 'error' : 'fail' }),
    ).map((f, i) => (i % 5 === 0 ? { ...f, suppression: { kind: 'inline' as const, reason: 'x'.repeat(5000) } } : f));
    const md = render(huge);
    expect(md.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(md).toContain("GitHub's 65,536-character comment limit");
    expect(md.startsWith(COMMENT_MARKER)).toBe(true);

    const small = renderMarkdownWithLimit(sampleAssessment(), ctxFor(sampleFindings()), 1500);
    expect(small.length).toBeLessThanOrEqual(1500);
    expect(small).toContain('comment limit');
    // A cut never leaves an open collapsible section.
    expect((small.match(/<details>/g) ?? []).length).toBe((small.match(/<\/details>/g) ?? []).length);
    expect(render()).not.toContain('comment limit');
  });

  it('cuts long cell text on a code-point boundary', () => {
    const c = cell(`${'🔐'.repeat(300)}`, 10);
    expect(Array.from(c)).toHaveLength(10);
    expect(c.endsWith('…')).toBe(true);
    expect(c).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it('handles an empty findings list', () => {
    const md = render([]);
    expect(md).toContain('## ✅ Steward: no open failures at or above high');
    expect(md).toContain('0 open failures in all');
    expect(md).not.toContain('### Open failures');
    expect(md).not.toContain('### Suppressed');
    expect(md).toContain('No finding gave evidence for this framework.');
  });

  it('is deterministic', () => {
    expect(render([...sampleFindings()].reverse())).toBe(render());
  });
});
