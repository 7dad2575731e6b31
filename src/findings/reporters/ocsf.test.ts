import { describe, expect, it } from 'vitest';
import { fixtureCatalog, sampleAssessment, sampleFindings } from '../__fixtures__/sample-assessment.js';
import { rollup } from '../assessment.js';
import type { Finding } from '../finding.js';
import { fingerprint } from '../fingerprint.js';
import { OCSF_VERSION, renderOcsf, toOcsfFindings } from './ocsf.js';
import type { ReportContext } from './types.js';

const catalog = fixtureCatalog();
const NOW = new Date('2026-11-24T10:05:00.000Z');
function ctxFor(findings: readonly Finding[], over: Partial<ReportContext> = {}): ReportContext {
  return {
    catalog,
    rollup: rollup(findings, catalog),
    failOn: 'high',
    color: false,
    aws: { accountId: '123456789012', region: 'eu-west-1' },
    now: NOW,
    ...over,
  };
}
function events(findings: Finding[] = sampleFindings(), over: Partial<ReportContext> = {}) {
  // Test the rendered text, the form consumers get.
  // biome-ignore lint/suspicious/noExplicitAny: parsed events under test
  return JSON.parse(renderOcsf(sampleAssessment(findings), ctxFor(findings, over))) as any[];
}

/**
 * Read from ocsf/ocsf-schema at tag 1.3.0: every attribute with `"requirement": "required"` after resolving
 * events/base_event.json → events/findings/finding.json → events/findings/compliance_finding.json, the cloud profile
 * (profiles/cloud.json, applied because the events declare it in metadata.profiles) and the objects the events
 * carry. Types are the dictionary.json types. Release 1.8.0 requires a subset of these (it relaxed
 * product.vendor_name, finding_info.title and compliance.standards to recommended).
 */
const REQUIRED: Record<string, Record<string, string>> = {
  compliance_finding: {
    activity_id: 'integer_t',
    category_uid: 'integer_t',
    class_uid: 'integer_t',
    type_uid: 'long_t',
    time: 'timestamp_t',
    severity_id: 'integer_t',
    metadata: 'metadata',
    finding_info: 'finding_info',
    compliance: 'compliance',
    cloud: 'cloud',
  },
  metadata: { product: 'product', version: 'string_t' },
  product: { vendor_name: 'string_t' },
  finding_info: { title: 'string_t', uid: 'string_t' },
  compliance: { standards: 'string_t[]' },
  cloud: { provider: 'string_t' },
  remediation: { desc: 'string_t' },
  analytic: { type_id: 'integer_t' },
  resource_details: {},
  account: {},
};

/** The other 1.3.0 attributes we emit, per object, with their dictionary types. Anything else is a mistake. */
const OPTIONAL: Record<string, Record<string, string>> = {
  compliance_finding: {
    activity_name: 'string_t',
    category_name: 'string_t',
    class_name: 'string_t',
    type_name: 'string_t',
    severity: 'string_t',
    status: 'string_t',
    status_id: 'integer_t',
    status_detail: 'string_t',
    message: 'string_t',
    resources: 'resource_details[]',
    remediation: 'remediation',
    unmapped: 'object',
  },
  metadata: { uid: 'string_t', profiles: 'string_t[]' },
  product: { name: 'string_t', uid: 'string_t', version: 'string_t' },
  finding_info: { desc: 'string_t', types: 'string_t[]', src_url: 'url_t', analytic: 'analytic' },
  analytic: { uid: 'string_t', name: 'string_t', type: 'string_t' },
  compliance: { control: 'string_t', requirements: 'string_t[]', status_id: 'integer_t', status: 'string_t' },
  resource_details: {
    type: 'string_t',
    uid: 'string_t',
    name: 'string_t',
    region: 'string_t',
    cloud_partition: 'string_t',
    data: 'json_t',
  },
  cloud: { region: 'string_t', account: 'account' },
  account: { uid: 'string_t', type: 'string_t', type_id: 'integer_t' },
  remediation: { references: 'string_t[]' },
};

/** Objects that extend _entity, whose constraint asks for at least one of name and uid. */
const ENTITIES = new Set(['product', 'analytic', 'resource_details', 'account']);

const SCALAR: Record<string, (v: unknown) => boolean> = {
  string_t: (v) => typeof v === 'string',
  url_t: (v) => typeof v === 'string' && URL.canParse(v),
  integer_t: (v) => Number.isInteger(v) && Math.abs(v as number) <= 2 ** 31,
  long_t: (v) => Number.isSafeInteger(v),
  timestamp_t: (v) => Number.isSafeInteger(v) && (v as number) > 0,
  json_t: (v) => v !== undefined,
};

/** Check one object against the tables above; returns a list of problems (empty when it conforms). */
function conform(objectName: string, value: unknown, path: string): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [`${path}: not an object`];
  const problems: string[] = [];
  const required = REQUIRED[objectName] ?? {};
  const known = { ...required, ...(OPTIONAL[objectName] ?? {}) };
  for (const attr of Object.keys(required)) if (!(attr in value)) problems.push(`${path}.${attr}: required, missing`);
  if (ENTITIES.has(objectName) && !('name' in value) && !('uid' in value)) problems.push(`${path}: needs name or uid`);
  for (const [attr, v] of Object.entries(value)) {
    const type = known[attr];
    if (type === undefined) {
      problems.push(`${path}.${attr}: not an attribute of ${objectName} in OCSF ${OCSF_VERSION}`);
      continue;
    }
    const isArray = type.endsWith('[]');
    const base = isArray ? type.slice(0, -2) : type;
    const items = isArray ? v : [v];
    if (!Array.isArray(items)) {
      problems.push(`${path}.${attr}: expected an array`);
      continue;
    }
    items.forEach((item, i) => {
      const at = isArray ? `${path}.${attr}[${i}]` : `${path}.${attr}`;
      if (base === 'object') {
        if (typeof item !== 'object' || item === null) problems.push(`${at}: expected an object`);
      } else if (SCALAR[base]) {
        if (!SCALAR[base](item)) problems.push(`${at}: expected ${base}, got ${JSON.stringify(item)}`);
      } else problems.push(...conform(base, item, at));
    });
  }
  return problems;
}

describe('renderOcsf', () => {
  it(`has every attribute OCSF ${OCSF_VERSION} requires, typed as its dictionary says, and no others`, () => {
    const evs = events();
    expect(evs.length).toBeGreaterThan(0);
    for (const [i, e] of evs.entries()) expect(conform('compliance_finding', e, `event[${i}]`)).toEqual([]);
  });

  it('the conformance check catches missing, mistyped and unknown attributes', () => {
    const e = events()[0];
    delete e.finding_info.title;
    e.severity_id = '5';
    e.compliance.standard = ['x'];
    e.resources[0] = {};
    expect(conform('compliance_finding', e, 'e')).toEqual([
      'e.severity_id: expected integer_t, got "5"',
      'e.finding_info.title: required, missing',
      'e.compliance.standard: not an attribute of compliance in OCSF 1.3.0',
      'e.resources[0]: needs name or uid',
    ]);
  });

  it('classifies each event as a Compliance Finding: Create', () => {
    for (const e of events()) {
      expect(e).toMatchObject({ class_uid: 2003, category_uid: 2, activity_id: 1, type_uid: 200301 });
      expect(e.type_uid).toBe(e.class_uid * 100 + e.activity_id);
      expect(e.metadata.version).toBe(OCSF_VERSION);
      expect(e.metadata.product).toMatchObject({ name: 'Steward', vendor_name: 'Steward', version: '0.1.0' });
      expect(e.metadata.profiles).toContain('cloud');
      expect(e.time).toBe(NOW.getTime());
      expect(e.cloud).toEqual({
        provider: 'AWS',
        region: 'eu-west-1',
        account: { uid: '123456789012', type: 'AWS Account', type_id: 10 },
      });
    }
  });

  it('writes one event per finding with severity, compliance status and finding status', () => {
    const findings = sampleFindings();
    const evs = events(findings);
    expect(evs).toHaveLength(findings.length);
    const of = (ruleId: string) => evs.find((e) => e.finding_info.analytic.uid === ruleId);
    expect(of('iam-no-wildcard-ai-actions')).toMatchObject({ severity_id: 5, severity: 'Critical' });
    expect(of('s3-bucket-kms-encryption')).toMatchObject({
      severity_id: 4,
      severity: 'High',
      status_id: 1,
      compliance: { status_id: 3, status: 'Fail' },
    });
    expect(of('apigw-waf-attached')).toMatchObject({
      status: 'Resolved',
      compliance: { status_id: 1, status: 'Pass' },
    });
    expect(of('governance-model-card').compliance).toMatchObject({ status_id: 2, status: 'Warning' });
    expect(of('cfn-parse').compliance).toMatchObject({ status_id: 2, status: 'Warning' });
    expect(of('bedrock-invocation-logging')).toMatchObject({
      status_id: 3,
      status: 'Suppressed',
      status_detail: 'Accepted until Q3: logging handled by the platform team',
    });
    // Passes appear only when there are some.
    expect(events(findings.filter((f) => f.status !== 'pass')).some((e) => e.compliance.status === 'Pass')).toBe(false);
  });

  it('names the control, framework ids and requirements the finding gives evidence for', () => {
    const s3 = events().find((e) => e.finding_info.analytic.uid === 's3-bucket-kms-encryption');
    expect(s3.compliance).toMatchObject({
      control: 'dp-kms-cmk-at-rest',
      standards: ['nist-800-53-r5', 'owasp-llm-2025'],
      requirements: ['nist-800-53-r5:SC-28', 'owasp-llm-2025:LLM02'],
    });
    expect(s3.remediation.desc).toBe(sampleFindings()[0]!.remediation);
    expect(s3.remediation.references).toEqual([sampleFindings()[0]!.docs]);
    expect(s3.finding_info.src_url).toBe(sampleFindings()[0]!.docs);
    expect(s3.resources).toEqual([
      {
        type: 'AWS::S3::Bucket',
        uid: 'TrainingData',
        name: 'TrainingData',
        region: 'eu-west-1',
        cloud_partition: 'aws',
        data: { file: 'infra/template.yaml', line: 12, column: 3 },
      },
    ]);
    const parse = events().find((e) => e.finding_info.analytic.uid === 'cfn-parse');
    expect(parse.compliance.standards).toEqual(['steward']);
    expect(parse.compliance).not.toHaveProperty('requirements');
  });

  it('keeps the finding uid stable across line moves and event uids unique per finding', () => {
    const findings = sampleFindings();
    const a = events(findings);
    const moved = events(findings.map((f) => ({ ...f, resource: { ...f.resource, line: 500 } })));
    expect(moved.map((e) => e.finding_info.uid)).toEqual(a.map((e) => e.finding_info.uid));
    for (const f of findings) expect(a.map((e) => e.finding_info.uid)).toContain(fingerprint(f));
    expect(new Set(a.map((e) => e.metadata.uid)).size).toBe(a.length);
    expect(events(findings).map((e) => e.metadata.uid)).toEqual(a.map((e) => e.metadata.uid));
  });

  it('uses the assessment finish time without ctx.now and placeholders without an AWS context', () => {
    const [e] = events(sampleFindings(), { now: undefined, aws: undefined });
    expect(e.time).toBe(Date.parse(sampleAssessment().finishedAt));
    expect(e.cloud.account.uid).toBe('000000000000');
    expect(conform('compliance_finding', e, 'e')).toEqual([]);
  });

  it('stays conformant for odd findings', () => {
    const odd: Finding = {
      ...sampleFindings()[0]!,
      title: '',
      message: ' ',
      remediation: '',
      docs: 'not a url',
      controls: ['not-in-catalog'],
      resource: { type: '', id: '' },
      evidence: { big: 1n },
    };
    const [e] = events([odd]);
    expect(conform('compliance_finding', e, 'e')).toEqual([]);
    expect(e.finding_info.title).toBe(odd.ruleId);
    expect(e).not.toHaveProperty('remediation');
    expect(e.unmapped.steward.evidence).toEqual({ big: '1' });
  });

  it('handles an empty findings list', () => {
    expect(events([])).toEqual([]);
    expect(toOcsfFindings(sampleAssessment([]), ctxFor([]))).toEqual([]);
  });
});
