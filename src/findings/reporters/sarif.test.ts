import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { sarifValidator } from '../../../test/support/schemas.js';
import { fixtureCatalog, sampleAssessment, sampleFindings } from '../__fixtures__/sample-assessment.js';
import { type Assessment, rollup } from '../assessment.js';
import { type Finding, PARTS, SEVERITIES, STATUSES } from '../finding.js';
import { fingerprint } from '../fingerprint.js';
import { FINGERPRINT_KEY, renderSarif, SECURITY_SEVERITY } from './sarif.js';
import type { ReportContext } from './types.js';

const catalog = fixtureCatalog();
function ctxFor(findings: readonly Finding[]): ReportContext {
  return { catalog, rollup: rollup(findings, catalog), failOn: 'high', color: false };
}
// biome-ignore lint/suspicious/noExplicitAny: parsed SARIF under test
type Sarif = any;
function render(findings: Finding[] = sampleFindings(), patch: Partial<Assessment> = {}): Sarif {
  return JSON.parse(renderSarif({ ...sampleAssessment(findings), ...patch }, ctxFor(findings)));
}
const byRule = (findings: Finding[], id: string) => findings.find((f) => f.ruleId === id)!;

let validate: ReturnType<typeof sarifValidator>;
beforeAll(() => {
  validate = sarifValidator();
});
function expectValid(log: unknown) {
  validate(log);
  expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 1)).toEqual([]);
}

describe('renderSarif', () => {
  it('validates against the SARIF 2.1.0 schema', () => {
    expectValid(render());
  });

  it('rejects what the schema forbids, so the validation above means something', () => {
    const log = render();
    log.runs[0].results[0].level = 'fatal';
    expect(validate(log)).toBe(false);
  });

  it('describes the tool and one rule per rule id', () => {
    const findings = sampleFindings();
    const log = render(findings);
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const driver = log.runs[0].tool.driver;
    expect(driver).toMatchObject({ name: 'Steward', version: '0.1.0' });
    expect(driver.informationUri).toMatch(/^https:\/\//);
    const ids = driver.rules.map((r: { id: string }) => r.id);
    expect(ids).toEqual([...new Set(findings.map((f) => f.ruleId))].sort());
    for (const rule of driver.rules) {
      const f = byRule(findings, rule.id);
      expect(rule.name).toMatch(/^[A-Z][A-Za-z0-9]*$/);
      expect(rule.shortDescription.text).toBe(f.title);
      expect(rule.fullDescription.text.startsWith(f.title)).toBe(true);
      expect(rule.help.text.length).toBeGreaterThan(0);
      expect(rule.help.markdown.length).toBeGreaterThan(0);
      if (f.remediation) {
        expect(rule.help.text).toContain(f.remediation);
        expect(rule.help.markdown).toContain(f.remediation);
      }
      expect(rule.helpUri).toBe(f.docs);
      expect(rule.properties['security-severity']).toBe(SECURITY_SEVERITY[f.severity]);
      expect(Number.isFinite(Number(rule.properties['security-severity']))).toBe(true);
      expect(rule.properties.tags).toContain('security');
      for (const c of f.controls) expect(rule.properties.tags).toContain(c);
      expect(['error', 'warning', 'note']).toContain(rule.defaultConfiguration.level);
    }
    const kms = driver.rules.find((r: { id: string }) => r.id === 's3-bucket-kms-encryption');
    expect(kms.properties.tags).toEqual(expect.arrayContaining(['layer:data-protection', 'owasp-llm:LLM02']));
    expect(kms.fullDescription.text).toContain('customer managed keys');
  });

  it('keeps at most 10 tags per rule (what GitHub shows), security first', () => {
    const many: Finding = { ...sampleFindings()[0]!, controls: Array.from({ length: 15 }, (_, i) => `c-${i}`) };
    const tags = render([many]).runs[0].tool.driver.rules[0].properties.tags;
    expect(tags).toHaveLength(10);
    expect(tags[0]).toBe('security');
  });

  it('maps severity to security-severity scores GitHub understands', () => {
    expect(Object.fromEntries(SEVERITIES.map((s) => [s, Number(SECURITY_SEVERITY[s])]))).toEqual({
      critical: 9.5,
      high: 8,
      medium: 5.5,
      low: 3,
      info: 0,
    });
  });

  it('reports only failures as results, each pointing at its rule', () => {
    const findings = sampleFindings();
    const log = render(findings);
    const run = log.runs[0];
    expect(run.results).toHaveLength(findings.filter((f) => f.status === 'fail').length);
    const passOrSkip = findings.filter((f) => f.status === 'pass' || f.status === 'skip').map((f) => f.ruleId);
    for (const r of run.results) {
      expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
      expect(passOrSkip).not.toContain(r.ruleId);
      expect(r.message.text.length).toBeGreaterThan(0);
    }
    const critical = run.results.find((r: { ruleId: string }) => r.ruleId === 'iam-no-wildcard-ai-actions');
    expect(critical.level).toBe('error');
    expect(critical.partialFingerprints[FINGERPRINT_KEY]).toBe(fingerprint(byRule(findings, critical.ruleId)));
  });

  it('reports errors as tool execution notifications and marks the run unsuccessful', () => {
    const findings = sampleFindings();
    const inv = render(findings).runs[0].invocations[0];
    expect(inv.executionSuccessful).toBe(false);
    expect(inv.toolExecutionNotifications).toHaveLength(1);
    const n = inv.toolExecutionNotifications[0];
    expect(n.level).toBe('error');
    expect(n.message.text).toBe(byRule(findings, 'cfn-parse').message);
    expect(render(findings).runs[0].tool.driver.rules[n.associatedRule.index].id).toBe('cfn-parse');
    const clean = findings.filter((f) => f.status !== 'error');
    expect(render(clean).runs[0].invocations[0]).toMatchObject({
      executionSuccessful: true,
      toolExecutionNotifications: [],
    });
  });

  it('writes relative forward-slash URIs under %SRCROOT% with a region when the line is known', () => {
    const log = render();
    const run = log.runs[0];
    expect(Object.keys(run.originalUriBaseIds)).toEqual(['%SRCROOT%']);
    const s3 = run.results.find((r: { ruleId: string }) => r.ruleId === 's3-bucket-kms-encryption');
    expect(s3.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'examples/support-chatbot/infra/template.yaml', uriBaseId: '%SRCROOT%' },
      region: { startLine: 12, startColumn: 3 },
    });
    const noLine = run.results.find((r: { ruleId: string }) => r.ruleId === 'bedrock-invocation-logging');
    expect(noLine.locations[0].physicalLocation).not.toHaveProperty('region');
    for (const r of run.results) {
      for (const loc of r.locations ?? []) {
        const uri: string = loc.physicalLocation.artifactLocation.uri;
        expect(uri).not.toMatch(/^[a-z]+:|^\/|\\/i);
      }
    }
  });

  it('normalises odd paths: backslashes, ./, spaces, non-ASCII, absolute targets', () => {
    const f: Finding = {
      ...sampleFindings()[0]!,
      resource: { type: 'AWS::S3::Bucket', id: 'B', file: '.\\infra dir\\tëmplate#1.yaml', line: 2 },
    };
    const rel = render([f], { target: '.' }).runs[0];
    expect(rel.results[0].locations[0].physicalLocation.artifactLocation.uri).toBe(
      'infra%20dir/t%C3%ABmplate%231.yaml',
    );
    const abs = render([{ ...f, resource: { ...f.resource, file: '/work/app/infra/x.yaml' } }], {
      target: '/work/app',
    }).runs[0];
    expect(abs.originalUriBaseIds['%SRCROOT%'].uri).toBe('file:///work/app/');
    expect(abs.results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('infra/x.yaml');
    expectValid(render([f], { target: 'C:\\work\\app' }));
  });

  it('keeps fingerprints stable when a finding moves to another line', () => {
    const before = sampleFindings();
    const after = sampleFindings().map((f) => ({
      ...f,
      resource: { ...f.resource, line: (f.resource.line ?? 0) + 7 },
    }));
    const fp = (log: Sarif) =>
      Object.fromEntries(
        log.runs[0].results.map((r: Sarif) => [r.ruleId, r.partialFingerprints[FINGERPRINT_KEY]] as const),
      );
    const a = fp(render(before));
    expect(fp(render(after))).toEqual(a);
    const renamed = sampleFindings().map((f) => ({ ...f, resource: { ...f.resource, id: `${f.resource.id}2` } }));
    const b = fp(render(renamed));
    for (const k of Object.keys(a)) expect(b[k]).not.toBe(a[k]);
  });

  it('carries suppressions: baseline as external, inline as inSource, with the justification', () => {
    const findings = sampleFindings();
    const baseline = render(findings).runs[0].results.find(
      (r: { ruleId: string }) => r.ruleId === 'bedrock-invocation-logging',
    );
    expect(baseline.suppressions).toEqual([
      expect.objectContaining({
        kind: 'external',
        justification: byRule(findings, baseline.ruleId).suppression!.reason,
      }),
    ]);
    const inline = findings.map((f) =>
      f.ruleId === 's3-bucket-kms-encryption'
        ? { ...f, suppression: { kind: 'inline' as const, reason: 'Public dataset', source: 'infra/template.yaml:11' } }
        : f,
    );
    const log = render(inline);
    expectValid(log);
    const s3 = log.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 's3-bucket-kms-encryption');
    expect(s3.suppressions[0]).toMatchObject({ kind: 'inSource', justification: 'Public dataset' });
    const open = log.runs[0].results.filter((r: Sarif) => !r.suppressions);
    expect(open.map((r: Sarif) => r.ruleId)).toEqual(['iam-no-wildcard-ai-actions']);
  });

  it('never emits a location without a physical artifact (GitHub rejects the whole file)', () => {
    const noFile: Finding = {
      ...sampleFindings()[0]!,
      resource: { type: 'Steward::Workload', id: 'support-chatbot' },
    };
    const log = render([noFile]);
    expectValid(log);
    const r = log.runs[0].results[0];
    expect(r).not.toHaveProperty('locations');
    expect(r.message.text).toContain('Steward::Workload support-chatbot');
    expect(r.properties).toMatchObject({ resourceType: 'Steward::Workload', resourceId: 'support-chatbot' });
    const withFile = render().runs[0].results.filter((x: Sarif) => x.locations);
    for (const x of withFile) {
      for (const loc of x.locations) expect(loc.physicalLocation.artifactLocation.uri).toBeTruthy();
    }
  });

  it('uses one category for GitHub and is deterministic', () => {
    const log = render();
    expect(log.runs[0].automationDetails.id).toBe('steward/support-chatbot/');
    expect(render([...sampleFindings()].reverse())).toEqual(log);
  });

  it('handles an empty findings list', () => {
    const log = render([]);
    expectValid(log);
    expect(log.runs[0].results).toEqual([]);
    expect(log.runs[0].tool.driver.rules).toEqual([]);
    expect(log.runs[0].invocations[0].executionSuccessful).toBe(true);
  });

  it('stays valid for arbitrary findings', () => {
    const finding = fc.record({
      ruleId: fc.string({ minLength: 1 }),
      title: fc.string(),
      severity: fc.constantFrom(...SEVERITIES),
      status: fc.constantFrom(...STATUSES),
      message: fc.string(),
      resource: fc.record(
        {
          type: fc.string(),
          id: fc.string(),
          file: fc.string(),
          line: fc.integer({ min: -3, max: 1e6 }),
          column: fc.integer({ min: -3, max: 400 }),
        },
        { requiredKeys: ['type', 'id'] },
      ),
      controls: fc.array(fc.constantFrom('dp-kms-cmk-at-rest', 'unknown-control', 'security', 'posture')),
      part: fc.constantFrom(...PARTS),
      remediation: fc.option(fc.string(), { nil: undefined }),
      docs: fc.option(fc.webUrl(), { nil: undefined }),
      suppression: fc.option(
        fc.record({ kind: fc.constantFrom('inline', 'baseline'), reason: fc.string() }) as fc.Arbitrary<
          NonNullable<Finding['suppression']>
        >,
        { nil: undefined },
      ),
    }) as fc.Arbitrary<Finding>;
    fc.assert(
      fc.property(fc.array(finding, { maxLength: 8 }), fc.string(), (findings, target) => {
        const log = render(findings, { target });
        expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
        for (const r of log.runs[0].results) expect(log.runs[0].tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
      }),
      { numRuns: 200 },
    );
  });
});
