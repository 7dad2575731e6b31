import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { packageRoot } from '../util/package-root.js';
import { loadYamlFile } from '../util/yaml-file.js';
import { type Control, ControlSchema, FRAMEWORK_IDS, type FrameworkId, FrameworkSchema, type Layer } from './schema.js';

const ControlFile = z.strictObject({ controls: z.array(ControlSchema) });
const catalogDir = join(packageRoot(), 'data', 'catalog');

interface LayerFile {
  layer: Layer;
  prefix: string;
  file: string;
  /** Ids that rules, scanners and reports already reference. */
  required: string[];
}

const FILES: LayerFile[] = [
  {
    layer: 'infrastructure',
    prefix: 'infra-',
    file: 'infrastructure.yaml',
    required: [
      'infra-notebook-root-access-disabled',
      'infra-notebook-imdsv2',
      'infra-endpoint-multi-instance',
      'infra-sagemaker-domain-vpc-only',
      'infra-inspector-scanning',
      'infra-container-image-provenance',
      'infra-config-recorder',
      'infra-patching-lifecycle',
      'infra-iam-user-groups',
      'infra-network-acls',
      'infra-multi-az-resilience',
      'infra-model-registry-in-use',
      'infra-iac-deployment',
      'infra-ecr-immutable-tags-scan-on-push',
      'infra-lambda-in-vpc-concurrency',
    ],
  },
  {
    layer: 'threat-detection-response',
    prefix: 'tdr-',
    file: 'threat-detection-response.yaml',
    required: [
      'tdr-cloudtrail-multi-region',
      'tdr-cloudtrail-log-validation',
      'tdr-cloudtrail-cmk',
      'tdr-cloudtrail-data-events-ai',
      'tdr-bedrock-invocation-logging',
      'tdr-invocation-log-encrypted',
      'tdr-guardduty-enabled',
      'tdr-guardduty-protection-plans',
      'tdr-security-hub-standards',
      'tdr-macie-training-data',
      'tdr-detective',
      'tdr-automated-response',
      'tdr-cloudwatch-alarms',
      'tdr-log-retention',
      'tdr-model-monitoring',
      'tdr-drift-detection',
      'tdr-audit-log-tamper-evident',
      'tdr-incident-response-playbooks',
      'tdr-guard-audit-events',
      'tdr-vpc-flow-logs',
    ],
  },
  {
    layer: 'policies-procedures',
    prefix: 'pol-',
    file: 'policies-procedures.yaml',
    required: [
      'pol-workload-scope-declared',
      'pol-regulated-workload-determination',
      'pol-data-classification',
      'pol-asset-ownership-roles',
      'pol-data-governance-council',
      'pol-data-quality-rules',
      'pol-data-lineage',
      'pol-model-lineage',
      'pol-data-residency',
      'pol-retention-disposition',
      'pol-data-sharing-agreements',
      'pol-model-card',
      'pol-intended-use-limitations',
      'pol-bias-fairness-monitoring',
      'pol-explainability',
      'pol-human-oversight',
      'pol-ai-risk-assessment',
      'pol-ai-impact-assessment',
      'pol-risk-register',
      'pol-approval-before-production',
      'pol-acceptable-use-policy',
      'pol-responsible-ai-training',
      'pol-least-privilege-policy',
      'pol-access-reviews',
      'pol-third-party-ai-vendor-review',
      'pol-transparency-ai-disclosure',
      'pol-ai-literacy',
      'pol-post-market-monitoring',
      'pol-serious-incident-reporting',
      'pol-records-of-processing',
      'pol-breach-notification',
      'pol-consent-lawful-basis',
      'pol-data-subject-rights',
      'pol-compliance-evidence-collection',
      'pol-change-management-models',
    ],
  },
];

const range = (prefix: string, from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => `${prefix}${from + i}`);

// ISO/IEC 42001:2023 Annex A control ids (38), used to reject made-up clause numbers.
const ISO_42001_ANNEX_A = new Set([
  ...range('A.2.', 2, 4),
  ...range('A.3.', 2, 3),
  ...range('A.4.', 2, 6),
  ...range('A.5.', 2, 5),
  ...range('A.6.1.', 2, 3),
  ...range('A.6.2.', 2, 8),
  ...range('A.7.', 2, 6),
  ...range('A.8.', 2, 5),
  ...range('A.9.', 2, 4),
  ...range('A.10.', 2, 4),
]);
const ISO_27001_ANNEX_A = new Set([
  ...range('A.5.', 1, 37),
  ...range('A.6.', 1, 8),
  ...range('A.7.', 1, 14),
  ...range('A.8.', 1, 34),
]);
const AI_RMF = new Set([
  ...range('GOVERN-', 1, 6),
  ...range('MAP-', 1, 5),
  ...range('MEASURE-', 1, 4),
  ...range('MANAGE-', 1, 4),
]);
// Regulation (EU) 2024/1689 has 113 articles.
const EU_AI_ACT = new Set(range('Art.', 1, 113));
const NIST_FAMILIES = 'AC AT AU CA CM CP IA IR MA MP PE PL PM PS PT RA SA SC SI SR'.split(' ');
const SOC2_SERIES: Record<string, number> = { CC1: 5, CC2: 3, CC3: 4, CC4: 2, CC5: 3, CC6: 8, CC7: 5, CC8: 1, CC9: 2 };

/** Whether a requirement id is well formed for its framework, following the catalog's id conventions. */
function wellFormed(fw: FrameworkId, id: string): boolean {
  switch (fw) {
    case 'nist-800-53-r5': {
      const m = /^([A-Z]{2})-\d{1,2}(\(\d{1,2}\))?$/.exec(id);
      return m !== null && NIST_FAMILIES.includes(m[1] ?? '');
    }
    case 'iso-27001-2022':
      return ISO_27001_ANNEX_A.has(id);
    case 'iso-42001':
      return ISO_42001_ANNEX_A.has(id);
    case 'soc2': {
      const cc = /^(CC\d)\.(\d)$/.exec(id);
      if (cc) return Number(cc[2]) >= 1 && Number(cc[2]) <= (SOC2_SERIES[cc[1] ?? ''] ?? 0);
      return /^(A1\.[1-3]|C1\.[12]|PI1\.[1-5]|P[1-8]\.\d)$/.test(id);
    }
    case 'hipaa':
      return /^164\.3(08|10|12|14|16)(\([a-z0-9]+\)|\([ivx]+\)|\([A-Z]\))+$/.test(id);
    case 'gdpr':
      return /^Art\.\d{1,2}$/.test(id);
    case 'pci-dss-4':
      return /^(1[0-2]|[1-9])(\.\d{1,2}){1,3}$/.test(id);
    case 'eu-ai-act':
      return EU_AI_ACT.has(id);
    case 'nist-ai-rmf':
      return AI_RMF.has(id);
    case 'owasp-llm-2025':
      return /^LLM(0[1-9]|10)$/.test(id);
  }
}

const loaded = FILES.map((f) => ({
  ...f,
  controls: loadYamlFile(join(catalogDir, 'controls', f.file), ControlFile).controls,
}));
const all: Control[] = loaded.flatMap((f) => f.controls);

describe.each(loaded)('$file', ({ layer, prefix, required, controls }) => {
  it('has unique ids that carry the layer prefix', () => {
    const ids = controls.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id.startsWith(prefix), id).toBe(true);
  });

  it('puts every control in the file’s layer', () => {
    for (const c of controls) expect(c.layer, c.id).toBe(layer);
  });

  it('contains every required control id', () => {
    const ids = new Set(controls.map((c) => c.id));
    expect(required.filter((id) => !ids.has(id))).toEqual([]);
  });

  it('maps every control to at least one requirement in at least two frameworks', () => {
    for (const c of controls) {
      const entries = Object.entries(c.mappings);
      expect(entries.length, c.id).toBeGreaterThanOrEqual(2);
      for (const [, reqs] of entries) expect(reqs.length, c.id).toBeGreaterThanOrEqual(1);
    }
  });
});

describe('governance-layer controls, together', () => {
  it('number at least 70, with ids unique across the three files', () => {
    expect(all.length).toBeGreaterThanOrEqual(70);
    expect(new Set(all.map((c) => c.id)).size).toBe(all.length);
  });

  it('list scopes in ascending order without repeats', () => {
    for (const c of all) {
      const sorted = [...new Set(c.scopes)].sort((a, b) => a - b);
      expect(c.scopes, c.id).toEqual(sorted);
    }
  });

  it('keep infrastructure controls out of scopes 1 and 2, where the customer runs no infrastructure', () => {
    const infra = all.filter((c) => c.layer === 'infrastructure');
    for (const c of infra)
      expect(
        c.scopes.some((s) => s < 3),
        c.id,
      ).toBe(false);
  });

  it('use well-formed requirement ids for every framework and never repeat one in a mapping', () => {
    const bad: string[] = [];
    for (const c of all) {
      for (const [fw, reqs] of Object.entries(c.mappings) as [FrameworkId, string[]][]) {
        expect(FRAMEWORK_IDS).toContain(fw);
        expect(new Set(reqs).size, `${c.id} ${fw}`).toBe(reqs.length);
        for (const r of reqs) if (!wellFormed(fw, r)) bad.push(`${c.id}: ${fw} ${r}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('map OWASP LLM risks only by their 2025 ids, never by a 2023 alias', () => {
    const owasp = loadYamlFile(join(catalogDir, 'frameworks', 'owasp-llm-2025.yaml'), FrameworkSchema);
    const ids = new Set(owasp.requirements.map((r) => r.id));
    const used = all.flatMap((c) => c.mappings['owasp-llm-2025'] ?? []);
    expect(used.length).toBeGreaterThan(0);
    expect(used.filter((r) => !ids.has(r))).toEqual([]);
  });

  it('cover the EU AI Act obligations the brief names, each by at least one control', () => {
    const used = new Set(all.flatMap((c) => c.mappings['eu-ai-act'] ?? []));
    for (const art of ['Art.4', 'Art.5', 'Art.9', 'Art.10', 'Art.12', 'Art.14', 'Art.27', 'Art.50', 'Art.72', 'Art.73'])
      expect(used.has(art), art).toBe(true);
  });

  it('give AWS-side controls attestation evidence, since no scan of the customer account can show them', () => {
    const awsSide = all.filter((c) => c.responsibility === 'aws');
    for (const c of awsSide) expect(c.evidence, c.id).toContain('manual');
  });
});

describe('well-formedness check', () => {
  it('rejects ids outside each framework’s conventions', () => {
    expect(wellFormed('nist-800-53-r5', 'AC-2(1)')).toBe(true);
    expect(wellFormed('nist-800-53-r5', 'XX-2')).toBe(false);
    expect(wellFormed('iso-27001-2022', 'A.8.34')).toBe(true);
    expect(wellFormed('iso-27001-2022', 'A.8.35')).toBe(false);
    expect(wellFormed('iso-42001', 'A.6.2.4')).toBe(true);
    expect(wellFormed('iso-42001', 'A.6.3')).toBe(false);
    expect(wellFormed('soc2', 'CC6.8')).toBe(true);
    expect(wellFormed('soc2', 'CC6.9')).toBe(false);
    expect(wellFormed('hipaa', '164.308(a)(1)(ii)(A)')).toBe(true);
    expect(wellFormed('hipaa', '164.502(a)')).toBe(false);
    expect(wellFormed('pci-dss-4', '10.4.1.1')).toBe(true);
    expect(wellFormed('pci-dss-4', '13.1')).toBe(false);
    expect(wellFormed('owasp-llm-2025', 'LLM06:2023')).toBe(false);
  });
});
