import { describe, expect, it } from 'vitest';
import { bundledCatalog } from '../../../catalog/catalog.js';
import { runRules, verdicts } from '../../test-helpers.js';
import { sqsRules } from './index.js';
import { sqsQueueCmk } from './sqs-queue-cmk.js';
import { sqsQueueTlsOnly } from './sqs-queue-tls-only.js';

const tpl = (resources: string) => `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n${resources}`;
const denyPlain = (action: string) =>
  `{ Statement: [{ Effect: Deny, Principal: "*", Action: ${action}, Resource: "*", Condition: { Bool: { "aws:SecureTransport": false } } }] }`;

describe('sqs rule metadata', () => {
  it('names only catalog controls', () => {
    const known = new Set(bundledCatalog().controls.map((c) => c.id));
    for (const r of sqsRules) for (const c of r.controls) expect(known, `${r.id} → ${c}`).toContain(c);
  });
});

describe('sqs-queue-cmk', () => {
  const t = tpl(`  Cmk:
    Type: AWS::SQS::Queue
    Properties: { KmsMasterKeyId: !GetAtt QueueKey.Arn }
  AwsManaged:
    Type: AWS::SQS::Queue
    Properties: { KmsMasterKeyId: alias/aws/sqs }
  SseSqsDefault:
    Type: AWS::SQS::Queue
  SseSqsOn:
    Type: AWS::SQS::Queue
    Properties: { SqsManagedSseEnabled: true }
  Unencrypted:
    Type: AWS::SQS::Queue
    Properties: { SqsManagedSseEnabled: "false" }
`);
  it('passes only customer managed keys', () =>
    expect(verdicts(t, sqsQueueCmk)).toEqual([
      'pass Cmk',
      'fail AwsManaged',
      'fail SseSqsDefault',
      'fail SseSqsOn',
      'fail Unencrypted',
    ]));
  it('tells SQS-owned keys apart from no encryption at all', () => {
    const byId = new Map(runRules(t, [sqsQueueCmk]).map((f) => [f.resource.id, f.message]));
    expect(byId.get('SseSqsDefault')).toMatch(/SSE-SQS/);
    expect(byId.get('Unencrypted')).toMatch(/not encrypted at rest/);
    expect(byId.get('AwsManaged')).toMatch(/AWS managed/);
  });
});

describe('sqs-queue-tls-only', () => {
  const t = tpl(`  Encrypted:
    Type: AWS::SQS::Queue
    Properties: { KmsMasterKeyId: !Ref QueueKey }
  Guarded:
    Type: AWS::SQS::Queue
  GuardedPolicy:
    Type: AWS::SQS::QueuePolicy
    Properties: { Queues: [!Ref Guarded], PolicyDocument: ${denyPlain('"sqs:*"')} }
  Named:
    Type: AWS::SQS::Queue
    Properties: { QueueName: ingest }
  NamedPolicy:
    Type: AWS::SQS::QueuePolicy
    Properties: { Queues: ["https://sqs.eu-west-1.amazonaws.com/111122223333/ingest"], PolicyDocument: ${denyPlain('"*"')} }
  Inline:
    Type: AWS::SQS::Queue
  InlinePolicy:
    Type: AWS::SQS::QueueInlinePolicy
    Properties: { Queue: !Ref Inline, PolicyDocument: ${denyPlain('[sqs:SendMessage, sqs:ReceiveMessage]')} }
  SendOnly:
    Type: AWS::SQS::Queue
  SendOnlyPolicy:
    Type: AWS::SQS::QueuePolicy
    Properties: { Queues: [!Ref SendOnly], PolicyDocument: ${denyPlain('sqs:SendMessage')} }
  SseSqsOnly:
    Type: AWS::SQS::Queue
    Properties: { SqsManagedSseEnabled: true }
`);
  it('passes KMS-encrypted queues and queues whose policy denies plain-text sends and receives', () =>
    expect(verdicts(t, sqsQueueTlsOnly)).toEqual([
      'pass Encrypted',
      'pass Guarded',
      'pass Named',
      'pass Inline',
      'fail SendOnly',
      'fail SseSqsOnly',
    ]));
  it('names the policies it read', () => {
    const f = runRules(t, [sqsQueueTlsOnly]).find((x) => x.resource.id === 'SendOnly');
    expect(f?.message).toMatch(/has a queue policy, but/);
  });
});
