import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { sarifValidator } from '../../test/support/schemas.js';
import { bundledCatalog } from '../catalog/catalog.js';
import { makeContext, render } from '../findings/reporters/index.js';
import { packageRoot } from '../util/package-root.js';
import { runAssessment } from './run-assessment.js';

const example = join(packageRoot(), 'examples', 'support-chatbot');

function copyExample(): string {
  const dir = mkdtempSync(join(tmpdir(), 'steward-assess-'));
  cpSync(example, dir, { recursive: true });
  return dir;
}

describe('runAssessment on the bundled example', () => {
  const { assessment } = runAssessment(example);
  const failing = (id: string) => assessment.findings.filter((f) => f.ruleId === id && f.status === 'fail');

  it('infers scope 4 from the fine-tuning pipeline and reads the profile', () => {
    expect(assessment.scope.scope).toBe(4);
    expect(assessment.scope.source).toBe('inferred');
    expect(assessment.scope.evidence[0]).toMatch(/AWS::SageMaker::Pipeline FineTunePipeline/);
    expect(assessment.profile.name).toBe('support-chatbot');
    expect(assessment.regulated.regulated).toBe(true);
  });

  it('finds the weaknesses planted in the example', () => {
    expect(failing('iam-no-wildcard-ai-actions').map((f) => f.resource.id)).toEqual(['AgentRole']);
    expect(failing('bedrock-agent-guardrail').map((f) => f.resource.id)).toEqual(['SupportAgent']);
    expect(failing('s3-bucket-kms-encryption').map((f) => f.resource.id)).toEqual(['KnowledgeBaseDocsBucket']);
    expect(failing('sagemaker-training-isolation')).toHaveLength(1);
    expect(failing('model-card-present')).toHaveLength(1);
    expect(failing('human-oversight-declared')).toHaveLength(1);
  });

  it('keeps an inline-suppressed finding, marked with its reason', () => {
    const root = failing('sagemaker-notebook-no-root');
    expect(root).toHaveLength(1);
    expect(root[0]!.suppression?.reason).toMatch(/Research sandbox/);
  });

  it('records file and line for posture findings, relative to the working directory', () => {
    const f = failing('bedrock-agent-guardrail')[0]!;
    expect(f.resource.file).toMatch(/examples\/support-chatbot\/infra\/chatbot\.yaml$/);
    expect(f.resource.line).toBeGreaterThan(1);
  });

  it('lists the parts it ran', () => {
    expect(assessment.parts.map((p) => p.part)).toEqual(['posture', 'guard', 'assess']);
    expect(assessment.parts[0]!.summary).toMatch(/2 template\(s\)/);
  });
});

describe('runAssessment input errors', () => {
  it('names a missing folder', () => {
    expect(() => runAssessment('/nonexistent/steward-workload')).toThrow(
      /\/nonexistent\/steward-workload: no such directory/,
    );
  });

  it('names file, line and field of a malformed steward.yaml', () => {
    const dir = copyExample();
    writeFileSync(join(dir, 'steward.yaml'), 'workload:\n  name: x\n  scope: 9\n');
    expect(() => runAssessment(dir)).toThrow(/steward\.yaml:3: workload\.scope: /);
    writeFileSync(join(dir, 'steward.yaml'), 'workload:\n  name: [x\n');
    expect(() => runAssessment(dir)).toThrow(/steward\.yaml:\d+: invalid YAML/);
    writeFileSync(join(dir, 'steward.yaml'), 'workload:\n  nme: x\n');
    expect(() => runAssessment(dir)).toThrow(/steward\.yaml:2: workload: Unrecognized key: "nme"/);
  });

  it('applies a baseline found in the folder', () => {
    const dir = copyExample();
    writeFileSync(
      join(dir, '.steward-baseline.json'),
      JSON.stringify({
        version: 1,
        createdAt: '2026-01-01T00:00:00Z',
        entries: [
          {
            ruleId: 'bedrock-agent-guardrail',
            resourceType: 'AWS::Bedrock::Agent',
            resourceId: 'SupportAgent',
            file: 'infra/chatbot.yaml',
            reason: 'guardrail lands in sprint 12',
          },
        ],
      }),
    );
    const { assessment, staleBaselineEntries } = runAssessment(dir, { root: dir });
    const f = assessment.findings.find((x) => x.ruleId === 'bedrock-agent-guardrail')!;
    expect(f.suppression).toMatchObject({ kind: 'baseline', reason: 'guardrail lands in sprint 12' });
    expect(staleBaselineEntries).toEqual([]);
  });
});

describe('runAssessment: the guard part', () => {
  const guardFindings = (dir: string) =>
    runAssessment(dir, { root: dir }).assessment.findings.filter((f) => f.part === 'guard');

  it("reports the example's guard policy: the seven runtime risks covered, three not runtime concerns", () => {
    const { assessment } = runAssessment(example);
    const guard = assessment.findings.filter((f) => f.part === 'guard');
    expect(guard.map((f) => `${f.ruleId}:${f.status}`)).toEqual([
      'guard-owasp-llm01:pass',
      'guard-owasp-llm02:pass',
      'guard-owasp-llm03:skip',
      'guard-owasp-llm04:skip',
      'guard-owasp-llm05:pass',
      'guard-owasp-llm06:pass',
      'guard-owasp-llm07:pass',
      'guard-owasp-llm08:skip',
      'guard-owasp-llm09:pass',
      'guard-owasp-llm10:pass',
    ]);
    expect(guard[0]!.resource.file).toMatch(/examples\/support-chatbot\/guard\/policy\.yaml$/);
    expect(guard.find((f) => f.ruleId === 'guard-owasp-llm06')!.message).toContain('requireApproval: issue_refund');
    expect(assessment.parts.find((p) => p.part === 'guard')).toMatchObject({ status: 'ok' });
  });

  it('the JSON and SARIF reports match their schemas with a policy, without one and with a broken one', () => {
    // ajv-formats is CommonJS; depending on the loader its default export is the plugin or a namespace holding it.
    const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
      addFormatsModule) as typeof addFormatsModule.default;
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    const schemaFile = join(packageRoot(), 'docs', 'schemas', 'findings-v1.schema.json');
    const validateJson = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')));
    const validateSarif = sarifValidator();
    const noPolicy = copyExample();
    rmSync(join(noPolicy, 'guard'), { recursive: true });
    const broken = copyExample();
    writeFileSync(join(broken, 'guard', 'policy.yaml'), 'input: 3\n');
    for (const [dir, guardCount] of [
      [example, 10],
      [noPolicy, 1],
      [broken, 1],
    ] as const) {
      const { assessment } = runAssessment(dir);
      const ctx = makeContext(assessment, bundledCatalog(), { failOn: 'high' });
      const json = JSON.parse(render('json', assessment, ctx));
      expect(validateJson(json), JSON.stringify(validateJson.errors?.slice(0, 3))).toBe(true);
      expect(json.findings.filter((f: { part: string }) => f.part === 'guard')).toHaveLength(guardCount);
      const sarif = JSON.parse(render('sarif', assessment, ctx));
      expect(validateSarif(sarif), JSON.stringify(validateSarif.errors?.slice(0, 3))).toBe(true);
    }
  });

  it('without a policy: one skip finding, the rest of the assessment unchanged', () => {
    const dir = copyExample();
    rmSync(join(dir, 'guard'), { recursive: true });
    const { assessment } = runAssessment(dir, { root: dir });
    const guard = assessment.findings.filter((f) => f.part === 'guard');
    expect(guard.map((f) => [f.ruleId, f.status])).toEqual([['guard-policy', 'skip']]);
    expect(assessment.parts.find((p) => p.part === 'guard')!.status).toBe('skipped');
    expect(assessment.findings.some((f) => f.ruleId === 'bedrock-agent-guardrail')).toBe(true);
  });

  it('a broken policy is an error finding naming file and line; posture and governance still run', () => {
    const dir = copyExample();
    writeFileSync(join(dir, 'guard', 'policy.yaml'), 'version: 1\nfailMode: sometimes\n');
    const { assessment } = runAssessment(dir, { root: dir });
    const guard = assessment.findings.filter((f) => f.part === 'guard');
    expect(guard).toHaveLength(1);
    expect(guard[0]).toMatchObject({ ruleId: 'guard-policy', status: 'error' });
    expect(guard[0]!.message).toMatch(/^guard\/policy\.yaml:2: failMode: /);
    expect(assessment.findings.some((f) => f.ruleId === 'bedrock-agent-guardrail')).toBe(true);
    expect(assessment.findings.some((f) => f.ruleId === 'workload-owner')).toBe(true);
  });

  it('uses the policy steward.yaml names, and names the line when that file is missing', () => {
    const dir = copyExample();
    renameSync(join(dir, 'guard', 'policy.yaml'), join(dir, 'runtime.yaml'));
    const steward = `workload:\n  name: support-chatbot\nguard:\n  policy: runtime.yaml\n`;
    writeFileSync(join(dir, 'steward.yaml'), steward);
    expect(guardFindings(dir)[0]!.resource.file).toBe('runtime.yaml');
    writeFileSync(join(dir, 'steward.yaml'), steward.replace('runtime.yaml', 'missing.yaml'));
    expect(() => runAssessment(dir)).toThrow(/steward\.yaml:4: guard\.policy: file not found: missing\.yaml/);
    writeFileSync(join(dir, 'steward.yaml'), 'guard:\n  policy: x\n  polcy: x\n');
    expect(() => runAssessment(dir)).toThrow(/steward\.yaml:3: guard: Unrecognized key: "polcy"/);
  });
});
