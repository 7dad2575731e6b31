import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanPaths } from './engine.js';
import type { GraphRule, Rule } from './rule.js';
import { allRules } from './rules/index.js';
import { SliceSpec, sliceResources } from './slice-spec.js';
import { parseCloudFormation } from './sources/cloudformation.js';

const graphRule = (resourceTypes: string[], reads?: GraphRule['reads']): Rule => ({
  kind: 'graph',
  id: 'test',
  title: 't',
  severity: 'low',
  resourceTypes,
  controls: [],
  description: '',
  remediation: { text: '' },
  equivalents: {},
  ...(reads ? { reads } : {}),
  evaluateGraph: () => [],
});

describe('what graph rules read of each resource', () => {
  it('unites the rules: all properties win, named ones add up, unnamed types keep none, patterns match prefixes', () => {
    const spec = new SliceSpec([
      graphRule(['AWS::S3::Bucket', 'AWS::IAM::Role'], { 'AWS::S3::Bucket': ['BucketName'] }),
      graphRule(['AWS::S3::Bucket', 'AWS::Events::Rule'], {
        'AWS::S3::Bucket': ['BucketEncryption'],
        'AWS::Events::Rule': '*',
      }),
      graphRule(['AWS::Events::Rule', 'AWS::SQS::Queue'], {}),
      graphRule(['Custom::*']),
    ]);
    expect([...(spec.get('AWS::S3::Bucket') as Set<string>)].sort()).toEqual(['BucketEncryption', 'BucketName']);
    expect(spec.get('AWS::IAM::Role')).toBe('none');
    expect(spec.get('AWS::Events::Rule')).toBe('*');
    expect(spec.get('AWS::SQS::Queue')).toBe('none');
    expect(spec.get('Custom::Anything')).toBe('*');
    expect(spec.get('AWS::Lambda::Function')).toBeUndefined();
  });

  it('detaches the named properties (with their lines), none, or all', () => {
    const t = parseCloudFormation(
      `Resources:
  B:
    Type: AWS::S3::Bucket
    Properties:
      VersioningConfiguration: { Status: Enabled }
      BucketName: logs
  R:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
  Q:
    Type: AWS::SQS::Queue
`,
      't.yaml',
    )!;
    const spec = new SliceSpec([
      graphRule(['AWS::S3::Bucket', 'AWS::IAM::Role'], { 'AWS::S3::Bucket': ['BucketName'] }),
    ]);
    const [b, r, ...rest] = sliceResources(t.resources, spec);
    expect(rest).toEqual([]);
    expect(b!.properties).toEqual({ BucketName: 'logs' });
    expect(b!.positionOf(['BucketName']).line).toBe(6);
    expect(r!.properties).toEqual({});
    expect(r!.position.line).toBe(7);
    expect(r!.refs).toEqual([]);
  });

  it('a scan recognises a CDK AwsCustomResource (Custom::AWS) that turns on Bedrock invocation logging', () => {
    const dir = mkdtempSync(join(tmpdir(), 'steward-slice-'));
    writeFileSync(
      join(dir, 'stack.yaml'),
      `Resources:
  Agent:
    Type: AWS::Bedrock::Agent
    Properties: { AgentName: a }
  EnableLogging:
    Type: Custom::AWS
    Properties:
      ServiceToken: t
      Create: '{"service":"Bedrock","action":"putModelInvocationLoggingConfiguration","parameters":{"loggingConfig":{"textDataDeliveryEnabled":true,"cloudWatchConfig":{"logGroupName":"l","roleArn":"r"}}}}'
`,
    );
    const found = scanPaths([dir], { root: dir }).findings.filter(
      (f) => f.ruleId === 'bedrock-invocation-logging-enabled',
    );
    expect(found.map((f) => `${f.status} ${f.resource.id}`)).toEqual(['pass EnableLogging']);
  });

  it('every graph rule of the catalog names what it reads among its own types', () => {
    for (const rule of allRules) {
      if (rule.kind !== 'graph' || !rule.reads) continue;
      for (const type of Object.keys(rule.reads)) expect(rule.resourceTypes, `${rule.id}: ${type}`).toContain(type);
    }
  });
});
