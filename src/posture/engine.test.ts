import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../findings/finding.js';
import { scan, scanPaths } from './engine.js';

const fixtures = join(import.meta.dirname, '__fixtures__');
const tmp = () => mkdtempSync(join(tmpdir(), 'steward-engine-'));
const brief = (findings: Finding[]) =>
  findings.map((f) => `${f.status} ${f.ruleId} ${f.resource.id} ${f.resource.file}:${f.resource.line ?? ''}`);

describe('scanPaths: nested stacks', () => {
  it('scans local child templates once, reports missing ones and nested cycles', () => {
    const r = scanPaths([join(fixtures, 'nested', 'parent.yaml')], { root: fixtures });
    const files = [...new Set(r.findings.map((f) => f.resource.file))];
    expect(files).toEqual(
      expect.arrayContaining(['nested/parent.yaml', 'nested/stacks/data.yaml', 'nested/stacks/serving.yaml']),
    );
    expect(r.stats.templates).toBe(3);
    // Referenced twice (Data, DataAgain), scanned once.
    const datasets = r.findings.filter((f) => f.resource.id === 'Datasets' && f.ruleId === 's3-bucket-versioning');
    expect(datasets).toHaveLength(1);
    expect(datasets[0]!.resource.line).toBe(5); // its Properties, in the child file
    const missing = r.findings.find((f) => f.ruleId === 'nested-stack-template-missing')!;
    expect(missing).toMatchObject({ status: 'error', resource: { id: 'Gone', file: 'nested/parent.yaml', line: 19 } });
    expect(missing.message).toMatch(/nested\/stacks\/missing\.yaml/);
    const cycle = r.findings.find((f) => f.ruleId === 'template-circular-reference')!;
    expect(cycle.resource).toMatchObject({ id: 'Loop', file: 'nested/stacks/serving.yaml' });
    expect(cycle.message).toBe(
      'nested stacks form a cycle: nested/parent.yaml → nested/stacks/serving.yaml → nested/parent.yaml',
    );
    // The graph holds the children as templates of their own.
    expect(r.graph.templates.map((t) => t.file)).toEqual([
      'nested/parent.yaml',
      'nested/stacks/data.yaml',
      'nested/stacks/serving.yaml',
    ]);
  });

  it('leaves children that are scanned on their own to their own unit (no duplicates)', () => {
    const r = scanPaths([join(fixtures, 'nested')], { root: fixtures });
    const keys = r.findings.map((f) => `${f.ruleId} ${f.resource.file} ${f.resource.id}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(r.stats.templates).toBe(3);
  });
});

describe('scanPaths: CDK cloud assembly', () => {
  it('scans the stacks the manifest names, maps construct paths, and skips assets', () => {
    const r = scanPaths([join(fixtures, 'cdk-app')], { root: fixtures });
    expect(r.graph.templates.map((t) => [t.file, t.format])).toEqual([
      ['cdk-app/cdk.out/AiStack.template.json', 'cdk'],
      ['cdk-app/cdk.out/AiStackFeatures0A1B2C3D.nested.template.json', 'cdk'],
      ['cdk-app/cdk.out/assembly-Prod/ProdAiStack.template.json', 'cdk'],
    ]);
    expect(r.stats.parseErrors).toBe(0); // the broken YAML inside asset.5f3c2a is never read
    const pathOf = (id: string) => r.findings.find((f) => f.resource.id === id)?.resource.path;
    expect(pathOf('TrainingData3E4F5A6B')).toBe('AiStack/TrainingData/Resource'); // from manifest.json
    expect(pathOf('Notebook')).toBe('AiStack/Notebook'); // from aws:cdk:path
    expect(pathOf('FeatureStore')).toBe('AiStack/Features/FeatureStore/Resource'); // nested stack
    expect(pathOf('Guardrail')).toBe('Prod/AiStack/Guardrail'); // nested assembly (stage)
    const notebook = r.findings.find(
      (f) => f.resource.id === 'Notebook' && f.ruleId === 'sagemaker-notebook-no-direct-internet',
    );
    expect(notebook?.resource).toMatchObject({ file: 'cdk-app/cdk.out/AiStack.template.json', line: 13 });
  });

  it('accepts the manifest file itself as the path', () => {
    const r = scanPaths([join(fixtures, 'cdk-app', 'cdk.out', 'manifest.json')], { root: fixtures });
    expect(r.stats.templates).toBe(3);
  });
});

describe('scanPaths: bad templates', () => {
  const setup = () => {
    const dir = tmp();
    const ok = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  B:\n    Type: AWS::S3::Bucket\n';
    writeFileSync(join(dir, 'a-invalid.yaml'), 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  A: [\n');
    writeFileSync(join(dir, 'b-invalid.json'), '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"A": }');
    writeFileSync(join(dir, 'c-unknown-fn.yaml'), `${ok}    Properties:\n      BucketName: !Foo x\n`);
    writeFileSync(
      join(dir, 'd-cycle.yaml'),
      `${ok}    Properties: { BucketName: !Ref C }\n  C:\n    Type: AWS::S3::Bucket\n    DependsOn: B\n`,
    );
    writeFileSync(join(dir, 'e-big.yaml'), `${ok}#${'x'.repeat(3 * 1024 * 1024)}\n`);
    const bomb = ['AWSTemplateFormatVersion: "2010-09-09"', 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++)
      bomb.push(
        `a${i}: &a${i} [${Array(10)
          .fill(`*a${i - 1}`)
          .join(', ')}]`,
      );
    writeFileSync(join(dir, 'f-bomb.yaml'), `${bomb.join('\n')}\nResources: { B: { Type: AWS::S3::Bucket } }\n`);
    writeFileSync(
      join(dir, 'g-deep.json'),
      `{"Resources": {"A": {"Type": "AWS::S3::Bucket", "Properties": {"X": ${'['.repeat(3000)}${']'.repeat(3000)}}}}}`,
    );
    writeFileSync(join(dir, 'h-good.yaml'), ok);
    writeFileSync(join(dir, 'i-notes.yaml'), 'just: notes\nnot: [a template\n');
    return dir;
  };

  it('reports each broken file with a clear message and scans the rest', () => {
    const dir = setup();
    const r = scanPaths([dir], { root: dir, maxFileBytes: 1024 * 1024 });
    const errors = r.findings.filter((f) => f.status === 'error');
    const byFile = Object.fromEntries(errors.map((f) => [f.resource.file, f.message]));
    expect(byFile['a-invalid.yaml']).toMatch(/^a-invalid\.yaml:\d+: /);
    expect(byFile['b-invalid.json']).toMatch(/^b-invalid\.json:1: /);
    expect(byFile['c-unknown-fn.yaml']).toBe('c-unknown-fn.yaml:6: unknown intrinsic function !Foo');
    expect(byFile['d-cycle.yaml']).toBe(
      'd-cycle.yaml: circular reference B → C → B; CloudFormation rejects this template',
    );
    expect(byFile['e-big.yaml']).toMatch(/file is too large: 3\.0 MB, over the 1 MB limit; skipped/);
    expect(byFile['f-bomb.yaml']).toMatch(/alias bomb/);
    expect(byFile['g-deep.json']).toMatch(/nesting deeper than 256 levels/);
    expect(byFile['i-notes.yaml']).toBeUndefined(); // not meant to be a template: no noise
    // d-cycle and h-good were scanned (the cycle is reported, the template still evaluated).
    expect(r.stats.templates).toBe(2);
    expect(r.stats.parseErrors).toBe(6);
    expect(r.findings.some((f) => f.resource.file === 'h-good.yaml' && f.status === 'fail')).toBe(true);
    // Parse errors come first, in file order.
    expect(r.findings.slice(0, 6).map((f) => f.resource.file)).toEqual([
      'a-invalid.yaml',
      'b-invalid.json',
      'c-unknown-fn.yaml',
      'e-big.yaml',
      'f-bomb.yaml',
      'g-deep.json',
    ]);
  });
});

describe('scan (async) and options', () => {
  it('gives the same findings as scanPaths, in-process, whatever jobs says when no worker is compiled', async () => {
    const dir = join(fixtures, '..', '..', '..', 'examples');
    const a = scanPaths([dir, join(fixtures, 'cdk-app'), join(fixtures, 'nested')], { root: fixtures });
    const b = await scan([dir, join(fixtures, 'cdk-app'), join(fixtures, 'nested')], { root: fixtures, jobs: 3 });
    expect(brief(b.findings)).toEqual(brief(a.findings));
    expect(b.findings).toEqual(a.findings);
  });

  it('reports progress per file with running counts', async () => {
    const seen: string[] = [];
    await scan([join(fixtures, 'nested')], {
      root: fixtures,
      onProgress: (done, total, file, c) => seen.push(`${done}/${total} ${file} t=${c.templates}`),
    });
    expect(seen).toEqual([
      '1/3 nested/parent.yaml t=1',
      '2/3 nested/stacks/data.yaml t=2',
      '3/3 nested/stacks/serving.yaml t=3',
    ]);
  });

  it('leaves passing findings out when includePassed is false', () => {
    const all = scanPaths([join(fixtures, 'sam')], { root: fixtures });
    const failing = scanPaths([join(fixtures, 'sam')], { root: fixtures, includePassed: false });
    expect(all.findings.some((f) => f.status === 'pass')).toBe(true);
    expect(failing.findings).toEqual(all.findings.filter((f) => f.status !== 'pass'));
  });

  it('validates properties against the CloudFormation specification when asked', () => {
    const dir = tmp();
    mkdirSync(join(dir, 't'));
    writeFileSync(
      join(dir, 't', 'x.yaml'),
      'Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketNmae: x\n  Q:\n    Type: AWS::Made::Up\n',
    );
    const off = scanPaths([dir], { root: dir });
    expect(off.findings.filter((f) => f.ruleId.startsWith('cfn-'))).toEqual([]);
    const on = scanPaths([dir], { root: dir, validateSpec: true });
    const spec = on.findings.filter((f) => f.ruleId.startsWith('cfn-'));
    expect(spec.map((f) => `${f.ruleId} ${f.severity} ${f.status} ${f.resource.id}:${f.resource.line}`)).toEqual([
      'cfn-unknown-property low fail B:5',
      'cfn-unknown-resource-type info fail Q:6',
    ]);
  });

  it('decides conditions the user pins', () => {
    const dir = tmp();
    writeFileSync(
      join(dir, 'c.yaml'),
      'Parameters:\n  Env: { Type: String }\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\nResources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      VersioningConfiguration: !If [IsProd, { Status: Enabled }, !Ref AWS::NoValue]\n',
    );
    const status = (opts: Parameters<typeof scanPaths>[1]) =>
      scanPaths([dir], { root: dir, ...opts }).findings.find((f) => f.ruleId === 's3-bucket-versioning')!;
    expect(status({}).message).toMatch(/fails when condition IsProd is false/);
    expect(status({ assume: { conditions: { IsProd: true } } }).status).toBe('pass');
    expect(status({ assume: { parameters: { Env: 'prod' } } }).status).toBe('pass');
    expect(status({ assume: { parameters: { Env: 'dev' } } }).status).toBe('fail');
  });
});

describe('scanPaths: values a parent passes and loops that cannot be expanded', () => {
  it("judges a child with the parameter values its parent passes, not the child's defaults", () => {
    const r = scanPaths([join(fixtures, 'nested-params', 'parent.yaml')], { root: fixtures });
    const versioning = r.findings.filter(
      (f) => f.ruleId === 's3-bucket-versioning' && f.resource.file === 'nested-params/child.yaml',
    );
    // The child's own default is Suspended; the parent passes Enabled.
    expect(versioning.find((f) => f.resource.id === 'Datasets')?.status).toBe('pass');
  });

  it('reports an Fn::ForEach loop whose collection has no value instead of passing over it', () => {
    const dir = tmp();
    writeFileSync(
      join(dir, 'loops.yaml'),
      [
        'Transform: AWS::LanguageExtensions',
        'Parameters:',
        '  Stages:',
        '    Type: CommaDelimitedList',
        'Resources:',
        '  Fn::ForEach::Queues:',
        '    - Stage',
        '    - !Ref Stages',
        '    - "${Stage}Queue":',
        '        Type: AWS::SQS::Queue',
        '',
      ].join('\n'),
    );
    const r = scanPaths([join(dir, 'loops.yaml')], { root: dir });
    const loop = r.findings.find((f) => f.ruleId === 'template-loop-not-expanded');
    expect(loop).toMatchObject({ status: 'error', resource: { id: 'Fn::ForEach::Queues', file: 'loops.yaml' } });
    expect(loop!.message).toMatch(/Stages/);
  });
});
