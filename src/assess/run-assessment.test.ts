import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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
    expect(assessment.parts.map((p) => p.part)).toEqual(['posture', 'assess']);
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
