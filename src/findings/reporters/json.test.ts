import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { FRAMEWORK_IDS, LAYERS, RESPONSIBILITIES, VIEWS } from '../../catalog/schema.js';
import { fixtureCatalog, sampleAssessment, sampleFindings } from '../__fixtures__/sample-assessment.js';
import { rollup } from '../assessment.js';
import { type Finding, PARTS, SEVERITIES, type Severity, STATUSES } from '../finding.js';
import { fingerprint } from '../fingerprint.js';
import { renderJson } from './json.js';
import type { ReportContext } from './types.js';

// ajv-formats is CommonJS; depending on the loader its default export is the plugin or a namespace holding it.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as typeof addFormatsModule.default;

const repoRoot = join(import.meta.dirname, '..', '..', '..');
const schemaPath = join(repoRoot, 'docs', 'schemas', 'findings-v1.schema.json');
// biome-ignore lint/suspicious/noExplicitAny: a JSON Schema document read from disk
const schema: any = JSON.parse(readFileSync(schemaPath, 'utf8'));

const catalog = fixtureCatalog();
function ctxFor(findings: readonly Finding[], failOn: Severity = 'high'): ReportContext {
  return { catalog, rollup: rollup(findings, catalog), failOn, color: false };
}
function render(findings: Finding[] = sampleFindings(), failOn: Severity = 'high') {
  const text = renderJson(sampleAssessment(findings), ctxFor(findings, failOn));
  // biome-ignore lint/suspicious/noExplicitAny: parsed report under test
  return { text, doc: JSON.parse(text) as any };
}

let validate: ReturnType<Ajv['compile']>;
beforeAll(() => {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  validate = ajv.compile(schema);
});
function expectValid(doc: unknown) {
  const ok = validate(doc);
  expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 1)).toEqual([]);
  expect(ok).toBe(true);
}

describe('renderJson', () => {
  it('validates against the published schema', () => {
    expectValid(render().doc);
  });

  it('has the documented top-level shape', () => {
    const { doc } = render();
    expect(Object.keys(doc)).toEqual([
      'schemaVersion',
      'tool',
      'target',
      'startedAt',
      'finishedAt',
      'profile',
      'scope',
      'regulated',
      'parts',
      'findings',
      'summary',
      'rollup',
    ]);
    expect(doc.tool).toEqual({ name: 'steward', version: '0.1.0' });
    expect(doc.target).toBe('examples/support-chatbot');
    expect(Object.keys(doc.rollup)).toEqual(expect.arrayContaining(['byLayer', 'byView', 'byFramework', 'byOwasp']));
  });

  it('writes every finding, sorted by severity then rule, with its fingerprint', () => {
    const input = sampleFindings();
    const { doc } = render([...input].reverse());
    expect(doc.findings).toHaveLength(input.length);
    const ranks = doc.findings.map((f: Finding) => SEVERITIES.indexOf(f.severity));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    for (const f of input) {
      const out = doc.findings.find((o: { ruleId: string }) => o.ruleId === f.ruleId);
      expect(out.fingerprint).toBe(fingerprint(f));
      expect(out.status).toBe(f.status);
      expect(out.message).toBe(f.message);
      expect(out.controls).toEqual(f.controls);
    }
  });

  it('uses null for an unknown file or line and keeps the suppression with its reason', () => {
    const { doc } = render();
    const noFile = doc.findings.find((f: { ruleId: string }) => f.ruleId === 'governance-model-card');
    expect(noFile.resource).toEqual({ type: 'Steward::Workload', id: 'support-chatbot', file: null, line: null });
    const suppressed = doc.findings.find((f: { ruleId: string }) => f.ruleId === 'bedrock-invocation-logging');
    expect(suppressed.suppressed).toBe(true);
    expect(suppressed.suppression).toEqual({
      kind: 'baseline',
      reason: 'Accepted until Q3: logging handled by the platform team',
      source: '.steward-baseline.json',
    });
    const open = doc.findings.find((f: { ruleId: string }) => f.ruleId === 's3-bucket-kms-encryption');
    expect(open.suppressed).toBe(false);
    expect(open).not.toHaveProperty('suppression');
    expect(open.resource).toMatchObject({ file: 'infra/template.yaml', line: 12, column: 3 });
  });

  it('summarises counts, open failures per severity and the verdict at failOn', () => {
    const input = sampleFindings();
    const { doc } = render(input, 'high');
    const open = input.filter((f) => f.status === 'fail' && !f.suppression);
    expect(doc.summary).toMatchObject({
      total: input.length,
      passed: input.filter((f) => f.status === 'pass').length,
      failed: open.length,
      suppressed: input.filter((f) => f.status === 'fail' && f.suppression).length,
      skipped: input.filter((f) => f.status === 'skip').length,
      errors: input.filter((f) => f.status === 'error').length,
      failOn: 'high',
      verdict: 'fail',
    });
    for (const s of SEVERITIES) expect(doc.summary.bySeverity[s]).toBe(open.filter((f) => f.severity === s).length);
    // The suppressed medium failure does not count against the workload.
    expect(doc.summary.bySeverity.medium).toBe(0);
  });

  it('passes when every open failure is below failOn', () => {
    const onlyLow = sampleFindings().filter((f) => !(f.status === 'fail' && ['critical', 'high'].includes(f.severity)));
    expect(render(onlyLow, 'high').doc.summary.verdict).toBe('pass');
    // A suppressed failure never fails the run, whatever its severity.
    expect(render(onlyLow, 'info').doc.summary.verdict).toBe('pass');
    expect(render(sampleFindings(), 'critical').doc.summary.verdict).toBe('fail');
  });

  it('carries the roll-ups with per-requirement state', () => {
    const { doc } = render();
    const nist = doc.rollup.byFramework['nist-800-53-r5'];
    const state = (id: string) => nist.requirements.find((r: { id: string }) => r.id === id).state;
    expect(state('SC-28')).toBe('failing'); // s3 encryption fails
    expect(state('SC-7')).toBe('passing'); // WAF passes
    expect(state('AU-2')).toBe('passing'); // only a suppressed failure
    expect(doc.rollup.byView.security.failed).toBe(2);
  });

  it('is 2-space indented, ends with a newline and is deterministic', () => {
    const a = render().text;
    expect(a.startsWith('{\n  "schemaVersion"')).toBe(true);
    expect(a.endsWith('}\n')).toBe(true);
    expect(render([...sampleFindings()].reverse()).text).toBe(a);
  });

  it('handles an empty findings list', () => {
    const { doc } = render([]);
    expectValid(doc);
    expect(doc.findings).toEqual([]);
    expect(doc.summary).toMatchObject({ total: 0, failed: 0, verdict: 'pass' });
  });

  it('does not throw on odd evidence, lines and text', () => {
    const cyclic: Record<string, unknown> = { big: 10n ** 30n, inf: Number.POSITIVE_INFINITY, fn: () => 1 };
    cyclic.self = cyclic;
    const odd: Finding = {
      ...sampleFindings()[0]!,
      message: `Überprüfung 🔐 ${'x'.repeat(100_000)}`,
      resource: { type: 'AWS::S3::Bucket', id: 'Bücket', file: 'infra/ü.yaml', line: 0, column: Number.NaN },
      evidence: cyclic,
    };
    const { doc } = render([odd]);
    expectValid(doc);
    const f = doc.findings[0];
    expect(f.resource.line).toBeNull();
    expect(f.resource).not.toHaveProperty('column');
    expect(f.message).toBe(odd.message);
    expect(f.evidence).toEqual({ big: (10n ** 30n).toString(), inf: 'Infinity', self: '[circular]' });
  });

  it('validates for arbitrary findings', () => {
    const finding = fc.record({
      ruleId: fc.string({ minLength: 1 }),
      title: fc.string(),
      severity: fc.constantFrom(...SEVERITIES),
      status: fc.constantFrom(...STATUSES),
      message: fc.string({ unit: 'binary' }),
      resource: fc.record(
        {
          type: fc.string(),
          id: fc.string(),
          file: fc.string(),
          line: fc.integer({ min: -5, max: 10_000 }),
          column: fc.integer({ min: -5, max: 500 }),
          path: fc.string(),
        },
        { requiredKeys: ['type', 'id'] },
      ),
      controls: fc.array(fc.constantFrom('dp-kms-cmk-at-rest', 'pol-model-card', 'not-in-catalog')),
      part: fc.constantFrom(...PARTS),
      suppression: fc.option(
        fc.record(
          { kind: fc.constantFrom('inline', 'baseline'), reason: fc.string(), source: fc.string() },
          { requiredKeys: ['kind', 'reason'] },
        ),
        { nil: undefined },
      ),
      docs: fc.option(fc.webUrl(), { nil: undefined }),
    }) as fc.Arbitrary<Finding>;
    fc.assert(
      fc.property(fc.array(finding, { maxLength: 8 }), fc.constantFrom(...SEVERITIES), (findings, failOn) => {
        const doc = render(findings, failOn).doc;
        expect(validate(doc)).toBe(true);
        expect(doc.findings).toHaveLength(findings.length);
      }),
      { numRuns: 150 },
    );
  });
});

describe('findings-v1.schema.json', () => {
  it('rejects documents that break the contract', () => {
    const good = render().doc;
    // biome-ignore lint/suspicious/noExplicitAny: each case pokes at a parsed document
    type Doc = any;
    const broken = [
      (d: Doc) => delete d.findings[0].fingerprint,
      (d: Doc) => (d.findings[0].severity = 'urgent'),
      (d: Doc) => (d.findings[0].suppressed = true),
      (d: Doc) => (d.findings[0].resource.line = 0),
      (d: Doc) => delete d.summary.verdict,
      (d: Doc) => (d.extra = 1),
      (d: Doc) => delete d.rollup.byLayer['data-protection'],
    ];
    for (const breakIt of broken) {
      const d = structuredClone(good);
      breakIt(d);
      expect(validate(d), breakIt.toString()).toBe(false);
    }
  });

  it('enumerates the same values as the code', () => {
    const f = schema.definitions.finding.properties;
    expect(schema.definitions.severity.enum).toEqual([...SEVERITIES]);
    expect(schema.definitions.part.enum).toEqual([...PARTS]);
    expect(f.status.enum).toEqual([...STATUSES]);
    const r = schema.properties.rollup.properties;
    expect(r.byLayer.required).toEqual([...LAYERS]);
    expect(r.byView.required).toEqual([...VIEWS]);
    expect(r.byResponsibility.required).toEqual([...RESPONSIBILITIES]);
    expect(r.byFramework.propertyNames.enum).toEqual([...FRAMEWORK_IDS]);
  });
});
