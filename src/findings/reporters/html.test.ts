import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LAYER_TITLES, LAYERS, VIEWS } from '../../catalog/schema.js';
import { fixtureCatalog, sampleAssessment, sampleFindings } from '../__fixtures__/sample-assessment.js';
import { type Assessment, rollup, type Tally } from '../assessment.js';
import { atOrAbove, type Finding, isOpenFailure } from '../finding.js';
import { renderHtml } from './html.js';
import type { ReportContext } from './types.js';

const catalog = fixtureCatalog();

function context(a: Assessment, opts: Partial<ReportContext> = {}): ReportContext {
  return { catalog, rollup: rollup(a.findings, catalog), failOn: 'high', color: false, ...opts };
}

function render(a = sampleAssessment(), opts: Partial<ReportContext> = {}) {
  const ctx = context(a, opts);
  return { html: renderHtml(a, ctx), ctx };
}

/** The text of the first element opened by `open`, up to its matching `close` tag. */
function section(html: string, open: string, close: string): string {
  const start = html.indexOf(open);
  expect(start, open).toBeGreaterThanOrEqual(0);
  return html.slice(start, html.indexOf(close, start) + close.length);
}

/** Visible text of a fragment: tags dropped, the entities the reporter emits decoded. */
function text(fragment: string): string {
  return fragment
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Chart rows as [data-key, visible text of the wide-screen figures, whole row]. */
function chartRows(html: string, chartId: string): { key: string; long: string; row: string }[] {
  const chart = section(html, `id="${chartId}"`, '</figure>');
  return [...chart.matchAll(/<g class="bar-row" data-key="([^"]+)"[\s\S]*?<\/g>(?=<g class="bar-row"|<\/svg>)/g)].map(
    (m) => ({ key: m[1]!, long: text(/<text class="val long"[^>]*>([\s\S]*?)<\/text>/.exec(m[0])![1]!), row: m[0] }),
  );
}

const figures = (t: Tally) => `${t.failed} failed · ${t.passed} passed · ${t.suppressed} suppressed`;

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

describe('renderHtml', () => {
  it('is one self-contained document that loads nothing from anywhere', () => {
    const { html } = render();
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html.match(/<html/g)).toHaveLength(1);
    expect(html).not.toMatch(/\s(src|href|xlink:href|action)\s*=/i);
    expect(html).not.toMatch(/<link|<iframe|<object|<embed|<img|@import/i);
    // The only url() references are to clip paths inside the document.
    for (const m of html.matchAll(/url\(([^)]*)\)/g)) expect(m[1]).toMatch(/^#[\w-]+$/);
  });

  it('locks itself down with a CSP that admits exactly its own style and script', () => {
    const { html } = render();
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
    expect(csp).toContain("default-src 'none'");
    const hash = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;
    const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)];
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)];
    expect(styles).toHaveLength(1);
    expect(scripts).toHaveLength(1);
    expect(csp).toContain(`style-src ${hash(styles[0]![1]!)}`);
    expect(csp).toContain(`script-src ${hash(scripts[0]![1]!)}`);
    expect(html).not.toMatch(/\sstyle="/);
  });

  it('escapes markup in rule messages', () => {
    const { html } = render();
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('escapes every text field, whatever it holds (property)', () => {
    const tagCount = (h: string) => (h.match(/</g) ?? []).length;
    // Structure does not depend on text, so a hostile rendering has exactly the tags of a benign one.
    const baseline = tagCount(render(withText('x', 'x')).html);
    const hostile = fc.oneof(
      fc.string({ minLength: 1 }),
      fc.constantFrom('<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "'><svg onload=alert(1)>", '&lt;'),
    );
    fc.assert(
      fc.property(hostile, hostile, (a, b) => {
        const { html } = render(withText(a, b));
        expect(tagCount(html)).toBe(baseline);
        expect(html).not.toMatch(/<(img|svg onload)/);
      }),
      { numRuns: 60 },
    );
  });

  it('heads the report with workload, scope, regulated verdict, time and overall verdict', () => {
    const a = sampleAssessment();
    const { html } = render(a);
    const head = text(section(html, '<header', '</header>'));
    expect(head).toContain(a.profile.name);
    expect(head).toContain(a.profile.description);
    expect(head).toContain('Scope 4 · Fine-tuned models');
    expect(head).toContain('inferred from AWS::SageMaker::TrainingJob in infra/template.yaml');
    expect(head).toMatch(/RegulatedYes\s*must meet gdpr, soc2/);
    expect(head).toContain('2026-11-24 10:00:00 UTC');
    expect(head).toContain('took 1.25 s');
    const open = a.findings.filter((f) => isOpenFailure(f) && atOrAbove(f.severity, 'high')).length;
    expect(head).toContain(`FAIL${open} open findings at or above high`);
    expect(html).toMatch(/<title>FAIL · support-chatbot/);
  });

  it('shows a card per view with counts from the roll-up', () => {
    const { html, ctx } = render();
    for (const v of VIEWS) {
      const card = section(html, `data-view="${v}"`, '</article>');
      const n = (kind: string) => Number(new RegExp(`data-kind="${kind}">(\\d+)<`).exec(card)?.[1]);
      const t = ctx.rollup.byView[v];
      expect([n('failed'), n('passed'), n('suppressed')], v).toEqual([t.failed, t.passed, t.suppressed]);
    }
  });

  it('charts all seven layers in order with their roll-up counts', () => {
    const { html, ctx } = render();
    const rows = chartRows(html, 'chart-layers');
    expect(rows.map((r) => r.key)).toEqual([...LAYERS]);
    for (const [i, r] of rows.entries()) {
      const layer = LAYERS[i]!;
      expect(text(r.row)).toContain(LAYER_TITLES[layer]);
      const t = ctx.rollup.byLayer[layer];
      if (t.failed + t.passed + t.suppressed > 0) expect(r.long).toBe(figures(t));
      else expect(r.long).toMatch(/^no findings/);
    }
    // The bar's failed share is drawn to scale: one failure in the busiest layer fills the bar.
    const dp = rows[0]!.row;
    expect(dp).toMatch(/<rect class="seg seg-fail" x="0%" y="\d+" width="100%"/);
    expect(rows.filter((r) => r.long.startsWith('no findings')).length).toBeGreaterThan(0);
  });

  it('draws layer bars relative to the busiest layer', () => {
    const a = sampleAssessment([
      finding({ resource: { type: 'T', id: 'a' } }),
      finding({ resource: { type: 'T', id: 'b' } }),
      finding({ resource: { type: 'T', id: 'c' }, status: 'pass' }),
      finding({ resource: { type: 'T', id: 'd' }, controls: ['iam-least-privilege-ai-actions'], status: 'pass' }),
    ]);
    const [dp, iam] = chartRows(render(a).html, 'chart-layers');
    const seg = (row: string, kind: string) => {
      const m = new RegExp(`class="seg seg-${kind}" x="([\\d.]+)%" y="\\d+" width="([\\d.]+)%"`).exec(row);
      return m ? [Number(m[1]), Number(m[2])] : undefined;
    };
    expect(seg(dp!.row, 'fail')).toEqual([0, (2 / 3) * 100].map((n) => Number(n.toFixed(3))));
    expect(seg(dp!.row, 'pass')).toEqual([(2 / 3) * 100, (1 / 3) * 100].map((n) => Number(n.toFixed(3))));
    expect(seg(iam!.row, 'pass')).toEqual([0, Number(((1 / 3) * 100).toFixed(3))]);
  });

  it('charts OWASP LLM01…LLM10 with catalog titles, counts, and "no evidence" where nothing maps', () => {
    const { html, ctx } = render();
    const rows = chartRows(html, 'chart-owasp');
    expect(rows.map((r) => r.key)).toEqual([
      'LLM01',
      'LLM02',
      'LLM03',
      'LLM04',
      'LLM05',
      'LLM06',
      'LLM07',
      'LLM08',
      'LLM09',
      'LLM10',
    ]);
    for (const r of rows) {
      expect(text(r.row)).toContain(catalog.requirement('owasp-llm-2025', r.key)!.title);
      const t = ctx.rollup.byOwasp[r.key];
      if (t && t.failed + t.passed + t.suppressed > 0) expect(r.long).toBe(figures(t));
      else expect(r.long).toMatch(/^no evidence/);
    }
    expect(rows.find((r) => r.key === 'LLM01')!.long).toBe('no evidence');
    expect(rows.find((r) => r.key === 'LLM09')!.long).toBe('no evidence (1 skipped)');
  });

  it('charts framework coverage as shares of requirements passing, failing and without evidence', () => {
    const { html, ctx } = render();
    const rows = chartRows(html, 'chart-frameworks');
    expect(rows.map((r) => r.key)).toEqual(Object.keys(ctx.rollup.byFramework));
    for (const r of rows) {
      const reqs = ctx.rollup.byFramework[r.key as keyof typeof ctx.rollup.byFramework].requirements;
      const n = (s: string) => reqs.filter((q) => q.state === s).length;
      expect(r.long).toBe(`${n('failing')} failing · ${n('passing')} passing · ${n('no-evidence')} no evidence`);
      const width = (kind: string) =>
        Number(new RegExp(`seg-${kind}" x="[^"]+" y="\\d+" width="([\\d.]+)%"`).exec(r.row)?.[1] ?? 0);
      expect(width('fail')).toBeCloseTo((n('failing') / reqs.length) * 100, 2);
      expect(width('pass')).toBeCloseTo((n('passing') / reqs.length) * 100, 2);
      expect(width('none')).toBeCloseTo((n('no-evidence') / reqs.length) * 100, 2);
    }
    // The profile asks for gdpr and soc2, which the fixture catalog lacks: the report says so.
    expect(text(section(html, 'id="chart-frameworks"', '</figure>'))).toContain('not in the catalog: gdpr, soc2');
  });

  it('tables findings, failures first, with badge, location, controls and remediation in a details element', () => {
    const a = sampleAssessment();
    const { html } = render(a);
    const rows = [
      ...section(html, '<table class="findings">', '</table>').matchAll(/<tr class="finding[\s\S]*?<\/tr>/g),
    ].map((m) => m[0]);
    const listed = a.findings.filter((f) => !f.suppression && f.status !== 'error');
    expect(rows).toHaveLength(listed.length);
    expect(rows.map((r) => /data-status="(\w+)"/.exec(r)![1])).toEqual(['fail', 'fail', 'skip', 'pass']);
    const first = rows[0]!;
    expect(first).toContain('<span class="badge sev-critical">critical</span>');
    expect(text(first)).toContain('infra/template.yaml:40');
    expect(first).toContain(
      '<span class="chip" title="No wildcard actions on AI services (identity-access, security)">',
    );
    expect(first).toMatch(
      /<details><summary>How to fix<\/summary><p><strong>Remediation.<\/strong> Grant bedrock:InvokeModel/,
    );
    // Docs are shown as text, not linked.
    const s3 = rows[1]!;
    expect(s3).toContain(
      '<span class="url">https://github.com/steward/steward/blob/main/docs/rules/s3-bucket-kms-encryption.md</span>',
    );
    expect(s3).toContain('&quot;BucketEncryption&quot;: null');
  });

  it('lists suppressed findings with reasons, parts with durations, and errors', () => {
    const a = sampleAssessment([...sampleFindings(), finding({ controls: ['made-up-control'], status: 'pass' })]);
    a.parts.push({ part: 'redteam', status: 'error', durationMs: 2500, error: 'endpoint unreachable' });
    const { html } = render(a);
    const supp = text(section(html, 'id="suppressed"', '</section>'));
    expect(supp).toContain('bedrock-invocation-logging');
    expect(supp).toContain('Accepted until Q3: logging handled by the platform team');
    expect(supp).toContain('.steward-baseline.json');
    const parts = text(section(html, 'id="parts"', '</section>'));
    expect(parts).toMatch(/posture\s*ok\s*42 ms\s*1 template, 14 resources/);
    expect(parts).toMatch(/redteam\s*error\s*2\.50 s\s*endpoint unreachable/);
    const errors = text(section(html, 'id="errors"', '</section>'));
    expect(errors).toContain('3 errors');
    expect(errors).toContain('invalid YAML: bad indentation <script>alert(1)</script>');
    expect(errors).toContain('Part redteam failed');
    expect(errors).toContain('made-up-control');
  });

  it('renders an empty assessment with every chart row and a PASS verdict', () => {
    const a = sampleAssessment([]);
    a.parts = [];
    const { html } = render(a);
    expect(chartRows(html, 'chart-layers')).toHaveLength(7);
    expect(chartRows(html, 'chart-owasp').map((r) => r.long)).toEqual(Array(10).fill('no evidence'));
    expect(html).toContain('No findings.');
    expect(html).toContain('No findings are suppressed.');
    expect(html).toContain('No parts ran.');
    expect(html).toContain('data-verdict="pass"');
    expect(text(section(html, '<header', '</header>'))).toContain('PASSnothing open at or above high');
  });

  it('styles for dark mode and print', () => {
    const { html } = render();
    expect(html).toMatch(/@media screen and \(prefers-color-scheme: dark\)/);
    expect(html).toMatch(/@media print/);
  });
});

/** The sample with hostile text in the fields people and rules control. */
function withText(a: string, b: string): Assessment {
  const findings = sampleFindings().map((f) => ({ ...f, message: a, title: b, remediation: f.remediation && b }));
  const s = sampleAssessment(findings);
  s.profile = { ...s.profile, name: a, description: b, owner: a };
  s.regulated = { regulated: true, reasons: [a] };
  s.parts = [{ part: 'posture', status: 'ok', durationMs: 1, summary: b }];
  return s;
}
