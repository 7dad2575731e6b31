import { describe, expect, it } from 'vitest';
import { bundledCatalog } from '../../../catalog/catalog.js';
import { runRules, verdicts } from '../../test-helpers.js';
import { snsRules } from './index.js';
import { snsTopicCmk } from './sns-topic-cmk.js';
import { snsTopicTlsOnly } from './sns-topic-tls-only.js';

const tpl = (resources: string, params = '') =>
  `AWSTemplateFormatVersion: "2010-09-09"\n${params}Resources:\n${resources}`;
const denyPlainPublish = (action = 'sns:Publish', principal = '"*"') =>
  `{ Statement: [{ Effect: Deny, Principal: ${principal}, Action: ${action}, Resource: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } }] }`;

describe('sns rule metadata', () => {
  it('names only catalog controls', () => {
    const known = new Set(bundledCatalog().controls.map((c) => c.id));
    for (const r of snsRules) for (const c of r.controls) expect(known, `${r.id} → ${c}`).toContain(c);
  });
});

describe('sns-topic-cmk', () => {
  const t = tpl(
    `  Cmk:
    Type: AWS::SNS::Topic
    Properties: { KmsMasterKeyId: !Ref TopicKey }
  CmkArn:
    Type: AWS::SNS::Topic
    Properties: { KmsMasterKeyId: "arn:aws:kms:eu-west-1:111122223333:key/abc" }
  AwsManaged:
    Type: AWS::SNS::Topic
    Properties: { KmsMasterKeyId: alias/aws/sns }
  Plain:
    Type: AWS::SNS::Topic
    Properties: { TopicName: results }
  FromParam:
    Type: AWS::SNS::Topic
    Properties: { KmsMasterKeyId: !Ref KeyParam }
`,
    'Parameters:\n  KeyParam: { Type: String, Default: alias/aws/sns }\n',
  );
  it('passes customer managed keys; fails the AWS managed key and no key', () =>
    expect(verdicts(t, snsTopicCmk)).toEqual([
      'pass Cmk',
      'pass CmkArn',
      'fail AwsManaged',
      'fail Plain',
      'fail FromParam',
    ]));
  it('says which kind of failure it is', () => {
    const byId = new Map(runRules(t, [snsTopicCmk]).map((f) => [f.resource.id, f.message]));
    expect(byId.get('AwsManaged')).toMatch(/AWS managed/);
    expect(byId.get('Plain')).toMatch(/not encrypted at rest/);
  });
});

describe('sns-topic-tls-only', () => {
  const t = tpl(`  Encrypted:
    Type: AWS::SNS::Topic
    Properties: { KmsMasterKeyId: !Ref TopicKey }
  Guarded:
    Type: AWS::SNS::Topic
  GuardedPolicy:
    Type: AWS::SNS::TopicPolicy
    Properties: { Topics: [!Ref Guarded], PolicyDocument: ${denyPlainPublish()} }
  ByName:
    Type: AWS::SNS::Topic
    Properties: { TopicName: ai-results }
  ByNamePolicy:
    Type: AWS::SNS::TopicPolicy
    Properties: { Topics: ["arn:aws:sns:eu-west-1:111122223333:ai-results"], PolicyDocument: ${denyPlainPublish('"sns:*"')} }
  Inline:
    Type: AWS::SNS::Topic
  InlinePolicy:
    Type: AWS::SNS::TopicInlinePolicy
    Properties: { TopicArn: !Ref Inline, PolicyDocument: ${denyPlainPublish('"*"', '{ AWS: "*" }')} }
  WrongAction:
    Type: AWS::SNS::Topic
  WrongActionPolicy:
    Type: AWS::SNS::TopicPolicy
    Properties: { Topics: [!Ref WrongAction], PolicyDocument: ${denyPlainPublish('sns:Subscribe')} }
  OnePrincipal:
    Type: AWS::SNS::Topic
  OnePrincipalPolicy:
    Type: AWS::SNS::TopicPolicy
    Properties: { Topics: [!Ref OnePrincipal], PolicyDocument: ${denyPlainPublish('sns:Publish', '{ AWS: "arn:aws:iam::111122223333:root" }')} }
  Bare:
    Type: AWS::SNS::Topic
`);
  it('passes encrypted topics and topics whose policy denies publishing without TLS', () =>
    expect(verdicts(t, snsTopicTlsOnly)).toEqual([
      'pass Encrypted',
      'pass Guarded',
      'pass ByName',
      'pass Inline',
      'fail WrongAction',
      'fail OnePrincipal',
      'fail Bare',
    ]));
  it('says whether a policy exists but misses the deny', () => {
    const byId = new Map(runRules(t, [snsTopicTlsOnly]).map((f) => [f.resource.id, f.message]));
    expect(byId.get('WrongAction')).toMatch(/has a topic policy, but/);
    expect(byId.get('Bare')).toMatch(/no topic policy/);
  });
  it('reads a policy document written as a JSON string', () => {
    const json = JSON.stringify({
      Statement: [
        {
          Effect: 'Deny',
          Principal: '*',
          Action: 'sns:Publish',
          Resource: '*',
          Condition: { Bool: { 'aws:SecureTransport': false } },
        },
      ],
    });
    const s = tpl(`  T:
    Type: AWS::SNS::Topic
  P:
    Type: AWS::SNS::TopicPolicy
    Properties: { Topics: [!Ref T], PolicyDocument: '${json}' }
`);
    expect(verdicts(s, snsTopicTlsOnly)).toEqual(['pass T']);
  });
});
