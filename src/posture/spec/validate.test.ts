import { describe, expect, it } from 'vitest';
import { parseCloudFormation } from '../sources/cloudformation.js';
import { specIndex } from './spec-db.js';
import { validateResource } from './validate.js';

const issues = (yaml: string) => {
  const spec = specIndex()!;
  return parseCloudFormation(yaml, 't.yaml')!.resources.flatMap((r) =>
    validateResource(r, spec).map((i) => `${r.id} ${i.kind} ${i.path.join('.')}`),
  );
};

describe('validateResource against the CloudFormation specification', () => {
  it('loads the specification once, lazily', () => {
    const a = specIndex();
    expect(a).toBeDefined();
    expect(specIndex()).toBe(a);
    expect(a!.resource('AWS::S3::Bucket')?.properties.BucketName).toBeDefined();
  });

  it('reports unknown properties, nested ones too, with a suggestion', () => {
    const spec = specIndex()!;
    const t = parseCloudFormation(
      'Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      BucketNmae: x\n      VersioningConfiguration: { Status: Enabled, Mfa: x }\n',
      't.yaml',
    )!;
    const found = validateResource(t.resources[0]!, spec);
    expect(found.map((i) => [i.kind, i.path.join('.')])).toEqual([
      ['unknown-property', 'BucketNmae'],
      ['unknown-property', 'VersioningConfiguration.Mfa'],
    ]);
    expect(found[0]!.message).toMatch(/did you mean BucketName\?/);
    expect(t.resources[0]!.positionOf(found[1]!.path).line).toBe(6);
  });

  it('reports values of the wrong shape, leniently for strings that CloudFormation converts', () => {
    expect(
      issues(`Resources:
  B:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: [a]
      VersioningConfiguration: Enabled
      Tags: { Key: a, Value: b }
  N:
    Type: AWS::SageMaker::NotebookInstance
    Properties:
      InstanceType: ml.t3.medium
      RoleArn: arn
      VolumeSizeInGB: "20"
      RootAccess: Disabled
  Q:
    Type: AWS::SQS::Queue
    Properties:
      FifoQueue: "TRUE"
      DelaySeconds: soon
`),
    ).toEqual([
      'B wrong-type BucketName',
      'B wrong-type VersioningConfiguration',
      'B wrong-type Tags',
      'Q wrong-type DelaySeconds',
    ]);
  });

  it('skips intrinsic values, unions that match, SAM and non-AWS types; flags unknown AWS types', () => {
    expect(
      issues(`Resources:
  R:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: { Statement: [] }
      Policies: !If [C, [], !Ref AWS::NoValue]
      RoleName: !Sub "\${AWS::StackName}-role"
  F:
    Type: AWS::Serverless::Function
    Properties: { Anything: 1 }
  M:
    Type: AWS::CDK::Metadata
    Properties: { Analytics: x }
  X:
    Type: Custom::Thing
    Properties: { Whatever: 1 }
  U:
    Type: AWS::Nope::Thing
`),
    ).toEqual(['U unknown-type ']);
  });
});
