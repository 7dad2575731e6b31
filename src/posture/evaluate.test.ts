import { describe, expect, it } from 'vitest';
import type { Finding } from '../findings/finding.js';
import { evaluate, evaluateGraphRules } from './evaluate.js';
import { ResourceGraph } from './graph.js';
import { detach } from './graph-slice.js';
import { fail, type GraphRule, pass, type ResourceRule, type Rule } from './rule.js';
import { parseCloudFormation } from './sources/cloudformation.js';
import { refTarget } from './sources/intrinsics.js';
import { dig } from './values.js';

const meta = {
  severity: 'high' as const,
  controls: ['dp-encryption-at-rest'],
  description: 'test rule',
  remediation: { text: 'Fix the thing in the template.' },
  equivalents: {},
};

/** Passes when the bucket's default encryption uses KMS. */
const bucketKms: ResourceRule = {
  ...meta,
  kind: 'resource',
  id: 'test-bucket-kms',
  title: 'bucket uses KMS',
  resourceTypes: ['AWS::S3::Bucket'],
  evaluate(b) {
    const algo = dig(b.properties, [
      'BucketEncryption',
      'ServerSideEncryptionConfiguration',
      0,
      'ServerSideEncryptionByDefault',
      'SSEAlgorithm',
    ]);
    return algo === 'aws:kms'
      ? pass(`${b.id} uses KMS`)
      : fail(`${b.id} does not use KMS`, {
          path:
            algo === undefined
              ? ['BucketEncryption']
              : [
                  'BucketEncryption',
                  'ServerSideEncryptionConfiguration',
                  0,
                  'ServerSideEncryptionByDefault',
                  'SSEAlgorithm',
                ],
        });
  },
};

/** Passes when some bucket policy names the bucket: follows an edge, so worlds must be consistent across it. */
const bucketHasPolicy: ResourceRule = {
  ...meta,
  kind: 'resource',
  id: 'test-bucket-policy',
  title: 'bucket has a policy',
  resourceTypes: ['AWS::S3::Bucket'],
  evaluate(b, ctx) {
    const policies = ctx.graph
      .referencing(b, 'AWS::S3::BucketPolicy')
      .filter((p) => refTarget(p.properties.Bucket) === b.id && p.properties.PolicyDocument !== undefined);
    return policies.length ? pass(`${b.id} has a policy`) : fail(`${b.id} has no policy`);
  },
};

/** Fails when a property is present at all: NoValue must read as absent. */
const noVersioningKey: ResourceRule = {
  ...meta,
  kind: 'resource',
  id: 'test-no-key',
  title: 'no AccessControl',
  resourceTypes: ['AWS::S3::Bucket'],
  evaluate(b) {
    return 'AccessControl' in b.properties
      ? fail(`${b.id} sets AccessControl`, { path: ['AccessControl'] })
      : pass('ok');
  },
};

const run = (yaml: string, rules: Rule[] = [bucketKms]) => {
  const t = parseCloudFormation(yaml, 't.yaml')!;
  const g = new ResourceGraph();
  g.add(t);
  return evaluate(g, rules);
};
const byId = (findings: Finding[], id: string) => findings.filter((f) => f.resource.id === id);

const header = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Env: { Type: String, Default: prod }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsNotProd: !Not [!Condition IsProd]
  Always: !Equals [1, 1]
  Never: !Equals [a, b]
Resources:
`;
const kms = `{ ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms" } }] }`;
const aes = `{ ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: AES256 } }] }`;

describe('evaluate with conditions', () => {
  it('passes when every branch of an undecided Fn::If passes', () => {
    const f = run(
      `${header}  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketEncryption: !If [IsProd, ${kms}, ${kms}]\n`,
    );
    expect(f.map((x) => x.status)).toEqual(['pass']);
  });

  it('fails, without naming a condition, when every branch fails', () => {
    const f = run(
      `${header}  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketEncryption: !If [IsProd, ${aes}, !Ref AWS::NoValue]\n`,
    );
    expect(f).toHaveLength(1);
    expect(f[0]!.status).toBe('fail');
    expect(f[0]!.message).toBe('B does not use KMS');
  });

  it('fails when one branch fails, and names the condition value that fails', () => {
    const yaml = `${header}  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketEncryption:\n        Fn::If:\n          - IsProd\n          - ${kms}\n          - ${aes}\n`;
    const f = run(yaml);
    expect(f).toHaveLength(1);
    expect(f[0]!.status).toBe('fail');
    expect(f[0]!.message).toMatch(/\[fails when condition IsProd is false\]$/);
    expect(f[0]!.evidence).toMatchObject({
      conditions: { failsWhen: [{ IsProd: false }], passesWhen: [{ IsProd: true }] },
    });
    // The finding points into the failing (else) branch, line of its SSEAlgorithm.
    expect(f[0]!.resource.line).toBe(yaml.split('\n').findIndex((l) => l.includes('AES256')) + 1);
  });

  it('keeps correlated conditions consistent (IsProd / IsNotProd)', () => {
    const f = run(
      `${header}  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketEncryption: !If [IsProd, ${kms}, !Ref AWS::NoValue]\n      Tags: !If [IsNotProd, [], !Ref AWS::NoValue]\n  C:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketEncryption: !If [IsNotProd, ${aes}, ${kms}]\n`,
    );
    // B tests both conditions; it is explained through the simpler of the two.
    expect(byId(f, 'B')[0]!.message).toMatch(/fails when condition IsProd is false\]$/);
    expect(byId(f, 'B')[0]!.evidence).toMatchObject({
      conditions: { failsWhen: [{ IsProd: false, IsNotProd: true }] },
    });
    expect(byId(f, 'C')[0]!.message).toMatch(/fails when condition IsNotProd is true\]$/);
  });

  it('resolves statically known conditions and drops resources whose own Condition is false', () => {
    const yaml = `${header}  Kept:\n    Type: AWS::S3::Bucket\n    Condition: Always\n    Properties:\n      BucketEncryption: !If [Always, ${kms}, ${aes}]\n  Dropped:\n    Type: AWS::S3::Bucket\n    Condition: Never\n`;
    const t = parseCloudFormation(yaml, 't.yaml')!;
    expect(t.resources.map((r) => r.id)).toEqual(['Kept']);
    expect(t.skipped).toEqual([{ id: 'Dropped', reason: 'condition Never is false' }]);
    expect(run(yaml).map((f) => `${f.status} ${f.resource.id}`)).toEqual(['pass Kept']);
  });

  it('skips the worlds where the resource itself does not exist', () => {
    // Exists only in prod, where it passes: a pass, not a mixed result.
    const f = run(
      `${header}  B:\n    Type: AWS::S3::Bucket\n    Condition: IsProd\n    Properties:\n      BucketEncryption: !If [IsProd, ${kms}, ${aes}]\n`,
    );
    expect(f.map((x) => x.status)).toEqual(['pass']);
  });

  it('treats AWS::NoValue as absent, directly and through Fn::If', () => {
    const f = run(
      `${header}  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      AccessControl: !Ref AWS::NoValue\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      AccessControl: !If [IsProd, !Ref AWS::NoValue, Private]\n`,
      [noVersioningKey],
    );
    expect(byId(f, 'A')[0]!.status).toBe('pass');
    expect(byId(f, 'B')[0]!.message).toMatch(/fails when condition IsProd is false/);
  });

  it('sees linked resources in the same world as the resource', () => {
    const f = run(
      `${header}  B:\n    Type: AWS::S3::Bucket\n  Policy:\n    Type: AWS::S3::BucketPolicy\n    Condition: IsProd\n    Properties:\n      Bucket: !Ref B\n      PolicyDocument: { Statement: [] }\n  Other:\n    Type: AWS::S3::Bucket\n  OtherPolicy:\n    Type: AWS::S3::BucketPolicy\n    Properties:\n      Bucket: !Ref Other\n      PolicyDocument: !If [IsProd, { Statement: [] }, !Ref AWS::NoValue]\n`,
      [bucketHasPolicy],
    );
    expect(byId(f, 'B')[0]!.message).toMatch(/B has no policy \[fails when condition IsProd is false\]/);
    expect(byId(f, 'Other')[0]!.message).toMatch(/fails when condition IsProd is false/);
  });

  it('says when only some combinations were evaluated', () => {
    const params = Array.from({ length: 7 }, (_, i) => `  P${i}: { Type: String }`).join('\n');
    const conds = Array.from({ length: 7 }, (_, i) => `  C${i}: !Equals [!Ref P${i}, on]`).join('\n');
    const tags = Array.from(
      { length: 7 },
      (_, i) => `        - !If [C${i}, { Key: k${i}, Value: v }, !Ref AWS::NoValue]`,
    ).join('\n');
    const yaml = `Parameters:\n${params}\nConditions:\n${conds}\nResources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      Tags:\n${tags}\n`;
    const f = run(yaml);
    expect(f[0]!.status).toBe('fail');
    expect(f[0]!.message).toMatch(/only the first 32 combinations of conditions were evaluated/);
  });

  it('omits passing findings when asked, and reports a crashing rule as an error', () => {
    const crash: ResourceRule = {
      ...bucketKms,
      id: 'test-crash',
      evaluate: () => {
        throw new Error('boom');
      },
    };
    const t = parseCloudFormation(
      `Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketEncryption: ${kms}\n`,
      't.yaml',
    )!;
    const g = new ResourceGraph();
    g.add(t);
    const f = evaluate(g, [bucketKms, crash], { includePassed: false });
    expect(f.map((x) => `${x.status} ${x.ruleId}`)).toEqual(['error test-crash']);
    expect(f[0]!.message).toMatch(/crashed on B: boom/);
  });
});

describe('inline suppressions on graph rule findings', () => {
  /** Fails every bucket it sees, and once more for the account as a whole. */
  const everyBucket: GraphRule = {
    ...meta,
    kind: 'graph',
    id: 'test-graph-buckets',
    title: 'buckets are watched',
    resourceTypes: ['AWS::S3::Bucket'],
    equivalents: { checkov: ['CKV_TEST_1'] },
    evaluateGraph(ctx) {
      return [
        ...ctx.graph.ofType('AWS::S3::Bucket').map((b) => ({ ...fail(`${b.id} is not watched`), resource: b })),
        fail('the account has no watcher'),
      ];
    },
  };
  const yaml = `Resources:
  Kept:
    Type: AWS::S3::Bucket
    Metadata:
      steward:
        suppress: [{ rule: test-graph-buckets, reason: watched by the central account }]
  ViaCheckov:
    Type: AWS::S3::Bucket
    Metadata:
      checkov:
        skip: [{ id: CKV_TEST_1, comment: legacy bucket }]
  NoReason:
    Type: AWS::S3::Bucket
    Metadata:
      steward:
        suppress: [{ rule: test-graph-buckets }]
  Plain:
    Type: AWS::S3::Bucket
`;

  it('applies the named resource’s suppressions, on the detached resources a scan hands graph rules', () => {
    const t = parseCloudFormation(yaml, 't.yaml')!;
    const g = new ResourceGraph();
    g.add({ ...t, resources: t.resources.map((r) => detach(r)) });
    const f = evaluateGraphRules(g, [everyBucket], true);
    expect(
      f.map((x) => `${x.resource.id}: ${x.suppression ? `${x.suppression.reason} @ ${x.suppression.source}` : '-'}`),
    ).toEqual([
      'Kept: watched by the central account @ t.yaml:2',
      'ViaCheckov: legacy bucket (from checkov metadata) @ t.yaml:7',
      'NoReason: -',
      'Plain: -',
      'account: -',
    ]);
    expect(f[2]!.message).toBe(
      'NoReason is not watched [t.yaml:12: steward suppression of test-graph-buckets has no reason, so it is not applied]',
    );
    expect(f[4]!.message).toBe('the account has no watcher');
  });

  it('leaves passing graph verdicts alone', () => {
    const passing: GraphRule = {
      ...everyBucket,
      evaluateGraph: (ctx) => ctx.graph.ofType('AWS::S3::Bucket').map((b) => ({ ...pass('watched'), resource: b })),
    };
    const g = new ResourceGraph();
    g.add(parseCloudFormation(yaml, 't.yaml')!);
    expect(evaluateGraphRules(g, [passing], true).filter((x) => x.suppression)).toEqual([]);
  });
});
