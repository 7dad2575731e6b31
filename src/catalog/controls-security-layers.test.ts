import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { packageRoot } from '../util/package-root.js';
import { loadYamlFile } from '../util/yaml-file.js';
import { type Control, ControlSchema, type FrameworkId, type Layer } from './schema.js';

const FileSchema = z.strictObject({ controls: z.array(ControlSchema) });

interface LayerFile {
  layer: Layer;
  file: string;
  prefix: string;
  required: string[];
}

const LAYER_FILES: LayerFile[] = [
  {
    layer: 'data-protection',
    file: 'data-protection.yaml',
    prefix: 'dp-',
    required: [
      'dp-kms-cmk-at-rest',
      'dp-s3-encryption-kms',
      'dp-s3-versioning',
      'dp-s3-public-access-block',
      'dp-tls-in-transit',
      'dp-kms-key-rotation',
      'dp-kms-key-policy-no-wildcard',
      'dp-log-encryption',
      'dp-s3-access-logging',
      'dp-s3-object-lock-or-replication',
      'dp-vector-store-encryption',
      'dp-vector-store-not-public',
      'dp-rag-datastore-encryption',
      'dp-inter-container-encryption',
      'dp-training-output-volume-cmk',
      'dp-sensitive-data-discovery',
      'dp-privacy-transforms',
      'dp-model-artifact-integrity',
      'dp-backup-and-recovery',
      'dp-data-minimization',
      'dp-output-pii-redaction',
    ],
  },
  {
    layer: 'identity-access',
    file: 'identity-access.yaml',
    prefix: 'iam-',
    required: [
      'iam-no-wildcard-ai-actions',
      'iam-no-admin-wildcard',
      'iam-passrole-scoped',
      'iam-no-long-lived-keys',
      'iam-permission-boundaries-agents',
      'iam-execution-role-per-workload',
      'iam-access-analyzer',
      'iam-mfa-identity-center',
      'iam-short-term-credentials',
      'iam-sagemaker-role-personas',
      'iam-bedrock-model-access-scoped',
      'iam-resource-policies-least-privilege',
    ],
  },
  {
    layer: 'application',
    file: 'application.yaml',
    prefix: 'app-',
    required: [
      'app-bedrock-guardrail-attached',
      'app-guardrail-prompt-attack-high',
      'app-guardrail-sensitive-info',
      'app-guardrail-contextual-grounding',
      'app-guardrail-denied-topics',
      'app-prompt-injection-detection',
      'app-indirect-injection-scanning',
      'app-output-sanitization',
      'app-tool-call-allowlist',
      'app-human-approval-for-actions',
      'app-system-prompt-protection',
      'app-rate-limits-token-budgets',
      'app-api-authorization',
      'app-shield-advanced',
      'app-grounding-and-disclaimers',
      'app-red-team-testing',
      'app-supply-chain-model-provenance',
      'app-third-party-model-evaluation',
      'app-embedding-access-control',
      'app-agentcore-runtime-vpc',
    ],
  },
  {
    layer: 'network-edge',
    file: 'network-edge.yaml',
    prefix: 'net-',
    required: [
      'net-privatelink-bedrock',
      'net-privatelink-sagemaker',
      'net-s3-gateway-endpoint',
      'net-sagemaker-no-direct-internet',
      'net-ai-compute-in-vpc',
      'net-training-network-isolation',
      'net-model-network-isolation',
      'net-security-group-no-open-ingress',
      'net-waf-on-ai-endpoints',
      'net-waf-rate-based-rule',
      'net-waf-bot-control',
      'net-waf-managed-rules',
      'net-tls-policy-modern',
      'net-nacl-segmentation',
      'net-egress-restriction',
    ],
  },
];

const controlsDir = join(packageRoot(), 'data', 'catalog', 'controls');
const load = (lf: LayerFile): Control[] => loadYamlFile(join(controlsDir, lf.file), FileSchema).controls;

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** ISO/IEC 27001:2022 Annex A: 37 organizational, 8 people, 14 physical, 34 technological controls. */
const ISO27001 = new Set([
  ...range(1, 37).map((n) => `A.5.${n}`),
  ...range(1, 8).map((n) => `A.6.${n}`),
  ...range(1, 14).map((n) => `A.7.${n}`),
  ...range(1, 34).map((n) => `A.8.${n}`),
]);

/** ISO/IEC 42001:2023 Annex A: the 38 controls. */
const ISO42001 = new Set([
  'A.2.2',
  'A.2.3',
  'A.2.4',
  'A.3.2',
  'A.3.3',
  'A.4.2',
  'A.4.3',
  'A.4.4',
  'A.4.5',
  'A.4.6',
  'A.5.2',
  'A.5.3',
  'A.5.4',
  'A.5.5',
  'A.6.1.2',
  'A.6.1.3',
  'A.6.2.2',
  'A.6.2.3',
  'A.6.2.4',
  'A.6.2.5',
  'A.6.2.6',
  'A.6.2.7',
  'A.6.2.8',
  'A.7.2',
  'A.7.3',
  'A.7.4',
  'A.7.5',
  'A.7.6',
  'A.8.2',
  'A.8.3',
  'A.8.4',
  'A.8.5',
  'A.9.2',
  'A.9.3',
  'A.9.4',
  'A.10.2',
  'A.10.3',
  'A.10.4',
]);

const AI_RMF_CATEGORIES: Record<string, number> = { GOVERN: 6, MAP: 5, MEASURE: 4, MANAGE: 4 };

/** Shape checks for each framework's requirement ids, following the catalog's id conventions. */
const ID_RULES: Record<FrameworkId, (id: string) => boolean> = {
  'nist-800-53-r5': (id) =>
    /^(AC|AT|AU|CA|CM|CP|IA|IR|MA|MP|PE|PL|PM|PS|PT|RA|SA|SC|SI|SR)-[1-9]\d?(\([1-9]\d?\))?$/.test(id),
  'iso-27001-2022': (id) => ISO27001.has(id),
  soc2: (id) => /^(CC[1-9]\.[1-9]|A1\.[1-3]|C1\.[12]|PI1\.[1-5]|P[1-8]\.[1-9])$/.test(id),
  hipaa: (id) => /^164\.3(08|10|12|14|16)\([a-e]\)(\(\d\)(\((i|ii|iii|iv|v)\)(\([A-F]\))?)?)?$/.test(id),
  gdpr: (id) => /^Art\.[1-9]\d?$/.test(id) && Number(id.slice(4)) <= 99,
  'pci-dss-4': (id) => {
    const m = /^([1-9]\d?)(\.\d+){0,3}$/.exec(id);
    return m !== null && Number(m[1]) <= 12;
  },
  'eu-ai-act': (id) => /^Art\.[1-9]\d{0,2}$/.test(id) && Number(id.slice(4)) <= 113,
  'nist-ai-rmf': (id) => {
    const m = /^(GOVERN|MAP|MEASURE|MANAGE)-([1-9])$/.exec(id);
    return m !== null && Number(m[2]) <= (AI_RMF_CATEGORIES[m[1]!] ?? 0);
  },
  'iso-42001': (id) => ISO42001.has(id),
  'owasp-llm-2025': (id) => /^LLM(0[1-9]|10)$/.test(id),
};

describe.each(LAYER_FILES)('control file $file', (lf) => {
  const controls = load(lf);

  it('has unique ids carrying the layer prefix', () => {
    const ids = controls.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id.startsWith(lf.prefix), id).toBe(true);
  });

  it(`puts every control in the ${lf.layer} layer`, () => {
    for (const c of controls) expect(c.layer, c.id).toBe(lf.layer);
  });

  it('maps every control to at least one requirement in at least two frameworks', () => {
    for (const c of controls) {
      const frameworks = Object.entries(c.mappings).filter(([, reqs]) => (reqs?.length ?? 0) > 0);
      expect(frameworks.length, c.id).toBeGreaterThanOrEqual(2);
    }
  });

  it('uses requirement ids in each framework’s id format, without duplicates', () => {
    for (const c of controls) {
      for (const [fw, reqs] of Object.entries(c.mappings) as [FrameworkId, string[]][]) {
        expect(new Set(reqs).size, `${c.id} ${fw}`).toBe(reqs.length);
        for (const r of reqs) expect(ID_RULES[fw](r), `${c.id}: ${fw} ${r}`).toBe(true);
      }
    }
  });

  it('lists scopes in ascending order without repeats, and names services and evidence', () => {
    for (const c of controls) {
      expect(c.scopes, c.id).toEqual([...new Set(c.scopes)].sort((a, b) => a - b));
      expect(c.services.length, c.id).toBeGreaterThan(0);
      expect(new Set(c.evidence).size, c.id).toBe(c.evidence.length);
    }
  });

  it('contains every required control id', () => {
    const ids = new Set(controls.map((c) => c.id));
    expect(lf.required.filter((id) => !ids.has(id))).toEqual([]);
  });
});

describe('security layers together', () => {
  const all = LAYER_FILES.flatMap(load);

  it('hold at least 70 controls with ids unique across files', () => {
    expect(all.length).toBeGreaterThanOrEqual(70);
    expect(new Set(all.map((c) => c.id)).size).toBe(all.length);
  });

  it('map each OWASP LLM 2025 risk from at least two controls', () => {
    const counts = new Map<string, number>();
    for (const c of all) for (const r of c.mappings['owasp-llm-2025'] ?? []) counts.set(r, (counts.get(r) ?? 0) + 1);
    const risks = range(1, 10).map((n) => `LLM${String(n).padStart(2, '0')}`);
    expect(risks.filter((r) => (counts.get(r) ?? 0) < 2)).toEqual([]);
  });

  it('keep network controls out of scopes 1 and 2, where the customer runs no network', () => {
    const net = all.filter((c) => c.layer === 'network-edge');
    expect(net.filter((c) => c.scopes.some((s) => s < 3)).map((c) => c.id)).toEqual([]);
  });
});
