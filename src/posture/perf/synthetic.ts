import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Synthetic CloudFormation templates for speed measurements: the resource mix of an AI workload (buckets, keys,
 * roles, SageMaker, Bedrock, logs, API Gateway), some resources compliant and some not, a few conditions, in the
 * JSON shape `cdk synth` writes. Deterministic for a given seed.
 */

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

type Maker = (id: string, r: () => number, ids: string[]) => Record<string, unknown>;

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

const makers: Record<string, Maker> = {
  'AWS::S3::Bucket': (_id, r) => ({
    BucketEncryption:
      r() < 0.6
        ? { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } }] }
        : undefined,
    VersioningConfiguration: r() < 0.5 ? { Status: 'Enabled' } : undefined,
    PublicAccessBlockConfiguration:
      r() < 0.7
        ? { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true }
        : undefined,
    Tags: [{ Key: 'data', Value: pick(r, ['training', 'artifacts', 'logs']) }],
  }),
  'AWS::KMS::Key': (_id, r) => ({
    EnableKeyRotation: r() < 0.7,
    KeyPolicy: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: { 'Fn::Join': ['', ['arn:aws:iam::', { Ref: 'AWS::AccountId' }, ':root']] } },
          Action: 'kms:*',
          Resource: '*',
        },
      ],
    },
  }),
  'AWS::IAM::Role': (_id, r) => ({
    AssumeRolePolicyDocument: {
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: pick(r, ['sagemaker.amazonaws.com', 'bedrock.amazonaws.com', 'lambda.amazonaws.com']) },
          Action: 'sts:AssumeRole',
        },
      ],
    },
    Policies: [
      {
        PolicyName: 'inline',
        PolicyDocument: {
          Statement: [
            {
              Effect: 'Allow',
              Action: r() < 0.3 ? 'bedrock:*' : ['s3:GetObject'],
              Resource: r() < 0.3 ? '*' : 'arn:aws:s3:::b/*',
            },
          ],
        },
      },
    ],
  }),
  'AWS::SageMaker::NotebookInstance': (_id, r, ids) => ({
    InstanceType: 'ml.t3.medium',
    RoleArn: { 'Fn::GetAtt': [pick(r, ids), 'Arn'] },
    KmsKeyId: r() < 0.5 ? { Ref: pick(r, ids) } : undefined,
    DirectInternetAccess: r() < 0.5 ? 'Disabled' : 'Enabled',
    RootAccess: r() < 0.5 ? 'Disabled' : undefined,
  }),
  'AWS::SageMaker::EndpointConfig': (_id, r) => ({
    ProductionVariants: [
      { ModelName: 'm', VariantName: 'v', InitialInstanceCount: r() < 0.5 ? 2 : 1, InstanceType: 'ml.m5.large' },
    ],
    KmsKeyId: r() < 0.5 ? 'arn:aws:kms:us-east-1:111122223333:key/k' : undefined,
  }),
  'AWS::Bedrock::Guardrail': (_id, r) => ({
    Name: 'g',
    BlockedInputMessaging: 'no',
    BlockedOutputsMessaging: 'no',
    ContentPolicyConfig: {
      FiltersConfig: [{ Type: 'PROMPT_ATTACK', InputStrength: r() < 0.5 ? 'HIGH' : 'MEDIUM', OutputStrength: 'NONE' }],
    },
  }),
  'AWS::Logs::LogGroup': (_id, r) => ({ RetentionInDays: r() < 0.6 ? 90 : undefined }),
  'AWS::Lambda::Function': (_id, r, ids) => ({
    Runtime: 'python3.12',
    Handler: 'index.handler',
    Role: { 'Fn::GetAtt': [pick(r, ids), 'Arn'] },
    Code: { ZipFile: 'def handler(e, c): return e' },
    Environment: { Variables: { STAGE: 'prod' } },
  }),
  'AWS::SQS::Queue': (_id, r) => ({ KmsMasterKeyId: r() < 0.5 ? 'alias/aws/sqs' : undefined }),
  'AWS::SNS::Topic': () => ({ TopicName: 't' }),
};

const TYPES = Object.keys(makers);

/** One template as JSON text, with `resources` resources. */
export function syntheticTemplate(seed: number, resources: number): string {
  const r = rng(seed);
  const ids = Array.from({ length: resources }, (_, i) => `Res${i}${Math.floor(r() * 1e6).toString(16)}`);
  const out: Record<string, unknown> = {};
  ids.forEach((id, i) => {
    const type = TYPES[i % TYPES.length]!;
    const props = JSON.parse(JSON.stringify(makers[type]!(id, r, ids))) as Record<string, unknown>;
    const res: Record<string, unknown> = {
      Type: type,
      Properties: props,
      Metadata: { 'aws:cdk:path': `Stack${seed}/${id}/Resource` },
    };
    if (r() < 0.05) res.Condition = 'IsProd';
    if (r() < 0.05) props.Tags = { 'Fn::If': ['IsProd', [{ Key: 'env', Value: 'prod' }], { Ref: 'AWS::NoValue' }] };
    out[id] = res;
  });
  return JSON.stringify(
    {
      Parameters: { Env: { Type: 'String', Default: 'prod' } },
      Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } },
      Resources: out,
    },
    null,
    1,
  );
}

/** Write `count` templates of 20–200 resources under `dir`, in folders of 500. */
export function writeSyntheticCorpus(dir: string, count: number, seed = 1): void {
  const r = rng(seed);
  for (let i = 0; i < count; i++) {
    const sub = join(dir, `batch-${Math.floor(i / 500)}`);
    if (i % 500 === 0) mkdirSync(sub, { recursive: true });
    const n = 20 + Math.floor(r() * 181);
    writeFileSync(join(sub, `Stack${i}.template.json`), syntheticTemplate(seed * 100003 + i, n));
  }
}
