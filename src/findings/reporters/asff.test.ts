import type { AwsSecurityFinding, ResourceDetails } from '@aws-sdk/client-securityhub';
import { describe, expect, it } from 'vitest';
import type { Catalog } from '../../catalog/catalog.js';
import { fixtureCatalog, sampleAssessment, sampleFindings } from '../__fixtures__/sample-assessment.js';
import { rollup } from '../assessment.js';
import type { Finding } from '../finding.js';
import {
  ASFF_LIMITS,
  type AsffFinding,
  chunkForBatchImport,
  renderAsff,
  SECURITY_HUB_RESOURCE_TYPES,
  type SecurityHubResourceType,
  securityHubResourceType,
  toAsffFindings,
  truncate,
} from './asff.js';
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
function asff(findings: Finding[] = sampleFindings(), over: Partial<ReportContext> = {}): AsffFinding[] {
  return toAsffFindings(sampleAssessment(findings), ctxFor(findings, over));
}

// Compile-time drift checks: `tsc --noEmit` fails if our output stops fitting the SDK's types.
const typed: AwsSecurityFinding[] = asff();
const resourceTypeIsKnown = (t: SecurityHubResourceType): keyof ResourceDetails => t;

describe('renderAsff', () => {
  it('produces findings the Security Hub SDK type accepts', () => {
    expect(typed.length).toBeGreaterThan(0);
    expect(Object.values(SECURITY_HUB_RESOURCE_TYPES).map(resourceTypeIsKnown)).toContain('AwsS3Bucket');
  });

  it('fills every required top-level attribute', () => {
    for (const f of asff()) {
      expect(f.SchemaVersion).toBe('2018-10-08');
      expect(f.Id).toMatch(/^steward\/support-chatbot\/[0-9a-f]{32}$/);
      expect(f.ProductArn).toBe('arn:aws:securityhub:eu-west-1:123456789012:product/123456789012/default');
      expect(f.GeneratorId).toMatch(/^steward\/[a-z0-9-]+$/);
      expect(f.AwsAccountId).toMatch(/^\d{12}$/);
      expect(f.Types.length).toBeGreaterThan(0);
      for (const t of f.Types) expect(t.startsWith('Software and Configuration Checks/')).toBe(true);
      expect(f.CreatedAt).toBe(NOW.toISOString());
      expect(f.UpdatedAt).toBe(NOW.toISOString());
      expect(['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL']).toContain(f.Severity.Label);
      expect(f.Title).toMatch(/\S/);
      expect(f.Description).toMatch(/\S/);
      expect(f.Resources.length).toBeGreaterThanOrEqual(1);
      expect(f.Resources.length).toBeLessThanOrEqual(32);
      expect(f.RecordState).toBe('ACTIVE');
    }
  });

  it('writes one finding per check result, with compliance and workflow status from it', () => {
    const findings = sampleFindings();
    const out = asff(findings);
    expect(out).toHaveLength(findings.length);
    const of = (ruleId: string) => out.find((f) => f.GeneratorId === `steward/${ruleId}`)!;
    expect(of('s3-bucket-kms-encryption')).toMatchObject({
      Compliance: { Status: 'FAILED' },
      Workflow: { Status: 'NEW' },
      Severity: { Label: 'HIGH', Original: 'high' },
    });
    expect(of('iam-no-wildcard-ai-actions').Severity.Label).toBe('CRITICAL');
    expect(of('bedrock-invocation-logging')).toMatchObject({
      Compliance: { Status: 'FAILED' },
      Workflow: { Status: 'SUPPRESSED' },
    });
    expect(of('bedrock-invocation-logging').ProductFields['steward/SuppressionReason']).toBe(
      'Accepted until Q3: logging handled by the platform team',
    );
    expect(of('apigw-waf-attached')).toMatchObject({
      Compliance: { Status: 'PASSED' },
      Workflow: { Status: 'RESOLVED' },
      Severity: { Label: 'INFORMATIONAL', Original: 'medium' },
    });
    expect(of('governance-model-card').Compliance.Status).toBe('WARNING');
    expect(of('cfn-parse').Compliance.Status).toBe('NOT_AVAILABLE');
    // PASSED appears only when a pass exists.
    const noPass = asff(findings.filter((f) => f.status !== 'pass'));
    expect(noPass.some((f) => f.Compliance.Status === 'PASSED')).toBe(false);
  });

  it('keeps ids stable across line moves and runs, unique per finding and per workload', () => {
    const a = asff().map((f) => f.Id);
    const moved = sampleFindings().map((f) => ({ ...f, resource: { ...f.resource, line: 999 } }));
    expect(asff(moved, { now: new Date('2027-01-01T00:00:00Z') }).map((f) => f.Id)).toEqual(a);
    expect(new Set(a).size).toBe(a.length);
    const other = toAsffFindings(
      { ...sampleAssessment(), profile: { ...sampleAssessment().profile, name: 'fraud model' } },
      ctxFor(sampleFindings()),
    );
    expect(other[0]!.Id).toMatch(/^steward\/fraud-model\//);
    expect(other.map((f) => f.Id)).not.toEqual(a);
  });

  it('maps CloudFormation and Terraform types to Security Hub resource types, else Other', () => {
    expect(securityHubResourceType('AWS::S3::Bucket')).toBe('AwsS3Bucket');
    expect(securityHubResourceType('AWS::ElasticLoadBalancingV2::LoadBalancer')).toBe('AwsElbv2LoadBalancer');
    expect(securityHubResourceType('aws_iam_role')).toBe('AwsIamRole');
    expect(securityHubResourceType('AWS::Bedrock::ModelInvocationLogging')).toBe('Other');
    expect(securityHubResourceType('toString')).toBe('Other');
    const out = asff();
    const s3 = out.find((f) => f.GeneratorId === 'steward/s3-bucket-kms-encryption')!;
    expect(s3.Resources[0]).toMatchObject({
      Type: 'AwsS3Bucket',
      Id: 'TrainingData',
      Partition: 'aws',
      Region: 'eu-west-1',
    });
    expect(s3.Resources[0]!.Details?.Other).toEqual({ 'steward/File': 'infra/template.yaml', 'steward/Line': '12' });
    const logging = out.find((f) => f.GeneratorId === 'steward/bedrock-invocation-logging')!;
    expect(logging.Resources[0]!.Type).toBe('Other');
    expect(logging.Resources[0]!.Details?.Other['steward/Type']).toBe('AWS::Bedrock::ModelInvocationLogging');
  });

  it('lists related requirements from the control mappings, at most 32', () => {
    const s3 = asff().find((f) => f.GeneratorId === 'steward/s3-bucket-kms-encryption')!;
    expect(s3.Compliance.RelatedRequirements).toEqual([
      'NIST SP 800-53 Rev. 5/SC-28',
      'OWASP Top 10 for LLM Applications/LLM02',
    ]);
    expect(asff().find((f) => f.GeneratorId === 'steward/cfn-parse')!.Compliance).not.toHaveProperty(
      'RelatedRequirements',
    );
    const base = catalog.control('dp-kms-cmk-at-rest')!;
    const wide: Catalog = {
      ...catalog,
      control: (id) =>
        id === 'wide'
          ? { ...base, id: 'wide', mappings: { 'nist-800-53-r5': Array.from({ length: 40 }, (_, i) => `XX-${i}`) } }
          : catalog.control(id),
    };
    const f: Finding = { ...sampleFindings()[0]!, controls: ['wide'] };
    const out = toAsffFindings(sampleAssessment([f]), { ...ctxFor([f]), catalog: wide });
    expect(out[0]!.Compliance.RelatedRequirements).toHaveLength(ASFF_LIMITS.relatedRequirements);
  });

  it('respects Security Hub string limits without splitting characters', () => {
    const long: Finding = {
      ...sampleFindings()[0]!,
      title: `🔐${'T'.repeat(1000)}`,
      message: `Ü${'m'.repeat(1022)}🔐🔐🔐`,
      remediation: 'r🔐'.repeat(600),
      resource: { type: 'AWS::S3::Bucket', id: 'B'.repeat(3000), file: 'f'.repeat(5000), line: 1 },
    };
    const [f] = asff([long]);
    expect(f!.Title.length).toBeLessThanOrEqual(ASFF_LIMITS.title);
    expect(f!.Description.length).toBeLessThanOrEqual(ASFF_LIMITS.description);
    expect(f!.Remediation!.Recommendation.Text!.length).toBeLessThanOrEqual(ASFF_LIMITS.recommendationText);
    expect(f!.Title.endsWith('…')).toBe(true);
    expect(Object.keys(f!.ProductFields).length).toBeLessThanOrEqual(ASFF_LIMITS.productFields);
    for (const [k, v] of Object.entries(f!.ProductFields)) {
      expect(k.length).toBeLessThanOrEqual(ASFF_LIMITS.productFieldKey);
      expect(v.length).toBeLessThanOrEqual(ASFF_LIMITS.productFieldValue);
    }
    for (const v of Object.values(f!.Resources[0]!.Details!.Other)) {
      expect(v.length).toBeLessThanOrEqual(ASFF_LIMITS.detailsOtherValue);
    }
    const lone = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
    for (const s of [f!.Title, f!.Description, f!.Remediation!.Recommendation.Text!]) expect(s).not.toMatch(lone);
    expect(truncate('abc', 3)).toBe('abc');
    expect(truncate('abcd', 3)).toBe('ab…');
  });

  it('never sends blank text, which Security Hub rejects', () => {
    const blank: Finding = { ...sampleFindings()[0]!, title: '  ', message: '', remediation: ' ' };
    const [f] = asff([{ ...blank, resource: { type: 'AWS::S3::Bucket', id: 'B' } }]);
    expect(f!.Title).toBe('s3-bucket-kms-encryption');
    expect(f!.Description).toMatch(/\S/);
    expect(f!.Remediation?.Recommendation.Text).toBeUndefined();
    expect(f!.Remediation?.Recommendation.Url).toBe(blank.docs);
  });

  it('stamps account, region and partition, with placeholders when unknown', () => {
    const gov = asff(sampleFindings(), {
      aws: { accountId: '111122223333', region: 'us-gov-west-1', partition: 'aws-us-gov' },
    });
    expect(gov[0]!.ProductArn).toBe(
      'arn:aws-us-gov:securityhub:us-gov-west-1:111122223333:product/111122223333/default',
    );
    expect(gov[0]!.Resources[0]!.Partition).toBe('aws-us-gov');
    const none = asff(sampleFindings(), { aws: undefined, now: undefined });
    expect(none[0]!.AwsAccountId).toBe('000000000000');
    expect(none[0]!.Region).toBe('us-east-1');
    // Without ctx.now the assessment's finish time is used, so output stays reproducible.
    expect(none[0]!.CreatedAt).toBe(sampleAssessment().finishedAt);
  });

  it('splits findings into BatchImportFindings calls of at most 100', () => {
    const many = Array.from({ length: 250 }, (_, i) => i);
    const chunks = chunkForBatchImport(many, 100);
    expect(chunks.map((c) => c.length)).toEqual([100, 100, 50]);
    expect(chunks.flat()).toEqual(many);
    expect(chunkForBatchImport(many, 500).every((c) => c.length <= 100)).toBe(true);
    expect(chunkForBatchImport(many, 0)[0]).toHaveLength(1);
    expect(chunkForBatchImport([], 100)).toEqual([]);
    const batches = chunkForBatchImport(asff(Array.from({ length: 230 }, () => sampleFindings()).flat()));
    expect(batches.map((b) => b.length)).toEqual([100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 80]);
  });

  it('renders a JSON array and handles an empty findings list', () => {
    const text = renderAsff(sampleAssessment(), ctxFor(sampleFindings()));
    expect(JSON.parse(text)).toEqual(asff());
    expect(renderAsff(sampleAssessment([]), ctxFor([]))).toBe('[]\n');
  });
});
