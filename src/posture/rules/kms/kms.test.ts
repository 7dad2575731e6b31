import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedDir } from '../../../../test/support/schemas.js';
import { bundledCatalog } from '../../../catalog/catalog.js';
import { scanPaths } from '../../engine.js';
import { ResourceGraph } from '../../graph.js';
import type { RuleContext } from '../../rule.js';
import { parseCloudFormation } from '../../sources/cloudformation.js';
import { runRules, verdicts } from '../../test-helpers.js';
import { backupRules } from '../backup/index.js';
import { boolIs, decide, valuesAt } from '../deploy-values.js';
import { dynamodbRules } from '../dynamodb/index.js';
import { ecrRules } from '../ecr/index.js';
import { lambdaRules } from '../lambda/index.js';
import { logsRules } from '../logs/index.js';
import { opensearchRules } from '../opensearch/index.js';
import { opensearchserverlessRules } from '../opensearchserverless/index.js';
import { rdsRules } from '../rds/index.js';
import { s3Rules } from '../s3/index.js';
import { secretsmanagerRules } from '../secretsmanager/index.js';
import { kmsRules } from './index.js';
import { classifyKeyRef, keyRefAt } from './key-reference.js';
import { kmsKeyEnabled } from './kms-key-enabled.js';
import { kmsKeyPolicyNoWildcardPrincipal } from './kms-key-policy-no-wildcard-principal.js';
import { kmsKeyRotation } from './kms-key-rotation.js';

const tpl = (resources: string, params = '') =>
  `AWSTemplateFormatVersion: "2010-09-09"\n${params}Resources:\n${resources}`;

describe('kms-key-rotation', () => {
  const t = tpl(
    `  Rotating:
    Type: AWS::KMS::Key
    Properties: { EnableKeyRotation: true }
  RotatingString:
    Type: AWS::KMS::Key
    Properties: { EnableKeyRotation: "True" }
  Default:
    Type: AWS::KMS::Key
  Off:
    Type: AWS::KMS::Key
    Properties: { EnableKeyRotation: false }
  Asymmetric:
    Type: AWS::KMS::Key
    Properties: { KeySpec: RSA_2048, KeyUsage: SIGN_VERIFY }
  Hmac:
    Type: AWS::KMS::Key
    Properties: { KeySpec: HMAC_256, KeyUsage: GENERATE_VERIFY_MAC }
  Imported:
    Type: AWS::KMS::Key
    Properties: { Origin: EXTERNAL }
  ByParam:
    Type: AWS::KMS::Key
    Properties: { EnableKeyRotation: !Ref Rotate }
  NoDefault:
    Type: AWS::KMS::Key
    Properties: { EnableKeyRotation: !Ref Unknown }
  EitherBranch:
    Type: AWS::KMS::Key
    Properties: { EnableKeyRotation: !If [Prod, true, false] }
`,
    'Parameters:\n  Rotate: { Type: String, Default: "false" }\n  Unknown: { Type: String }\n',
  );
  it('evaluates symmetric KMS-held keys only, with defaults, strings, parameters and branches', () =>
    expect(verdicts(t, kmsKeyRotation)).toEqual([
      'pass Rotating',
      'pass RotatingString',
      'fail Default',
      'fail Off',
      'fail ByParam',
      'skip NoDefault',
      'pass EitherBranch',
    ]));

  it("matches Checkov's KMSRotation fixture file by file", () => {
    // Two fixture files reuse the logical id SymmetricKey, so compare per file, not per id.
    const dir = join(sharedDir, 'corpora', 'checkov-cfn', 'fixtures', 'example_KMSRotation');
    const got = scanPaths([dir], { rules: [kmsKeyRotation], root: dir }).findings.map(
      (f) => `${f.status} ${f.resource.file}:${f.resource.id}`,
    );
    expect(got.sort()).toEqual([
      'fail KMSRotation-FAILED.yml:SymmetricKey',
      'pass KMSRotation-PASSED-Symmetric.yml:SymmetricKey',
    ]);
  });
});

describe('kms-key-policy-no-wildcard-principal', () => {
  const key = (statement: string) => `    Type: AWS::KMS::Key
    Properties:
      KeyPolicy:
        Statement:
          - ${statement}
`;
  const t = tpl(`  Root:
${key('{ Effect: Allow, Principal: { AWS: !Sub "arn:aws:iam::${AWS::AccountId}:root" }, Action: "kms:*", Resource: "*" }')}  ServiceViaAccount:
${key('{ Effect: Allow, Principal: { AWS: "*" }, Action: kms:Decrypt, Resource: "*", Condition: { StringEquals: { "kms:CallerAccount": "111122223333", "kms:ViaService": s3.us-east-1.amazonaws.com } } }')}  ViaServiceOnly:
${key('{ Effect: Allow, Principal: { AWS: "*" }, Action: kms:Decrypt, Resource: "*", Condition: { StringEquals: { "kms:ViaService": s3.us-east-1.amazonaws.com } } }')}  Everyone:
${key('{ Effect: Allow, Principal: "*", Action: "kms:*", Resource: "*" }')}  Replica:
    Type: AWS::KMS::ReplicaKey
    Properties:
      PrimaryKeyArn: arn
      KeyPolicy: '{"Statement":[{"Effect":"Allow","Principal":{"AWS":["*"]},"Action":"kms:*","Resource":"*"}]}'
  DefaultPolicy:
    Type: AWS::KMS::Key
`);
  it('fails unpinned wildcard principals in object and JSON-string policies', () =>
    expect(verdicts(t, kmsKeyPolicyNoWildcardPrincipal)).toEqual([
      'pass Root',
      'pass ServiceViaAccount',
      'fail ViaServiceOnly',
      'fail Everyone',
      'fail Replica',
      'pass DefaultPolicy',
    ]));
});

describe('kms-key-enabled', () => {
  const t = tpl(`  On:
    Type: AWS::KMS::Key
  Off:
    Type: AWS::KMS::Key
    Properties: { Enabled: "false" }
  Table:
    Type: AWS::DynamoDB::Table
    Properties: { KeySchema: [], SSESpecification: { SSEEnabled: true, KMSMasterKeyId: !Ref Off } }
`);
  it('fails a disabled key and names what depends on it', () => {
    expect(verdicts(t, kmsKeyEnabled)).toEqual(['pass On', 'fail Off']);
    expect(runRules(t, [kmsKeyEnabled])[1]?.message).toMatch(/Table depend on it/);
  });
});

describe('branch and key helpers', () => {
  const ctxFor = (yaml: string) => {
    const t = parseCloudFormation(yaml, 'x.yaml')!;
    const graph = new ResourceGraph();
    graph.add(t);
    const ctx: RuleContext = { graph, value: (r, p) => valuesAt(ctx, r, p)[0] };
    return { ctx, r: t.resources[0]! };
  };
  it('expand Fn::If at any depth and resolve parameter defaults', () => {
    const { ctx, r } = ctxFor(
      tpl(
        `  T:\n    Type: AWS::DynamoDB::Table\n    Properties:\n      SSESpecification: !If [C, { SSEEnabled: !Ref On, KMSMasterKeyId: k }, !Ref AWS::NoValue]\n`,
        'Parameters:\n  On: { Type: String, Default: "true" }\n',
      ),
    );
    expect(valuesAt(ctx, r, ['SSESpecification', 'SSEEnabled'])).toEqual(['true', undefined]);
    expect(decide(valuesAt(ctx, r, ['SSESpecification', 'SSEEnabled']), boolIs(true, false))).toBe('pass');
    expect(decide([undefined, false], boolIs(true, false))).toBe('fail');
    expect(decide([{ 'Fn::ImportValue': 'x' }, false], boolIs(true, false))).toBe('unknown');
    expect(keyRefAt(ctx, r, ['SSESpecification', 'KMSMasterKeyId'])).toBe('customer');
  });
  it('tell customer managed keys from AWS managed ones', () => {
    expect(classifyKeyRef('alias/aws/s3')).toBe('aws-managed');
    expect(classifyKeyRef('aws/secretsmanager')).toBe('aws-managed');
    expect(classifyKeyRef('arn:aws:kms:us-east-1:111122223333:alias/aws/ebs')).toBe('aws-managed');
    expect(classifyKeyRef({ 'Fn::Sub': 'arn:aws:kms:${AWS::Region}:${AWS::AccountId}:alias/aws/es' })).toBe(
      'aws-managed',
    );
    expect(classifyKeyRef('alias/my-team/aws-data')).toBe('customer');
    expect(classifyKeyRef({ 'Fn::GetAtt': ['Key', 'Arn'] })).toBe('customer');
    expect(classifyKeyRef({ Ref: 'AWS::NoValue' })).toBe('absent');
    expect(classifyKeyRef('')).toBe('absent');
  });
});

describe('data protection rule metadata', () => {
  const rules = [
    ...s3Rules,
    ...kmsRules,
    ...dynamodbRules,
    ...rdsRules,
    ...opensearchRules,
    ...opensearchserverlessRules,
    ...secretsmanagerRules,
    ...ecrRules,
    ...backupRules,
    ...lambdaRules,
    ...logsRules,
  ];
  it('name only controls that exist in the catalog', () => {
    const catalog = bundledCatalog();
    const unknown = rules.flatMap((r) => r.controls.filter((c) => !catalog.control(c)).map((c) => `${r.id}: ${c}`));
    expect(unknown).toEqual([]);
  });
  it('give remediation snippets for both CloudFormation and Terraform, and well-formed equivalents', () => {
    for (const r of rules) {
      expect(r.remediation.cloudformation, r.id).toBeTruthy();
      expect(r.remediation.terraform, r.id).toBeTruthy();
      for (const id of r.equivalents.checkov ?? []) expect(id).toMatch(/^CKV2?_AWS_\d+$/);
      for (const id of r.equivalents.securityHub ?? []) expect(id).toMatch(/^[A-Za-z0-9]+\.\d+$/);
    }
  });
});
