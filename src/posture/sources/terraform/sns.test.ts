import { describe, expect, it } from 'vitest';
import { refTarget } from '../intrinsics.js';
import { ruleVerdicts as verdicts } from './rule-verdicts.js';
import { resourcesOf } from './test-fixtures.js';

const messaging = resourcesOf('messaging.plan.json');

describe('SNS mapping', () => {
  it('maps a topic’s own `policy` argument, parsed, and no policy where there is none', () => {
    expect(messaging('aws_sns_topic.inline').properties.PolicyDocument).toMatchObject({
      Statement: [{ Effect: 'Deny', Action: 'sns:Publish', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }],
    });
    expect(messaging('aws_sns_topic.open').properties).not.toHaveProperty('PolicyDocument');
  });

  it('maps topics with their key', () => {
    const topic = messaging('aws_sns_topic.cmk');
    expect(topic).toMatchObject({ type: 'AWS::SNS::Topic', properties: { TopicName: 'inference-events' } });
    expect(refTarget(topic.properties.KmsMasterKeyId)).toBe('aws_kms_key.messages');
    expect(messaging('aws_sns_topic.open').properties).not.toHaveProperty('KmsMasterKeyId');
  });

  it('maps a topic policy onto the topic it governs', () => {
    const tp = messaging('aws_sns_topic_policy.plain');
    expect(tp.type).toBe('AWS::SNS::TopicPolicy');
    expect((tp.properties.Topics as unknown[]).map(refTarget)).toEqual(['aws_sns_topic.plain']);
    // Rebuilt from the aws_iam_policy_document statements, since its JSON is only known after apply.
    expect(tp.properties.PolicyDocument).toMatchObject({
      Statement: [{ Effect: 'Deny', Action: 'sns:Publish', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }],
    });
  });
});

describe('SNS rules on a plan', () => {
  it('sns-topic-cmk tells a customer managed key from the AWS managed one and none', () =>
    expect(verdicts('messaging.plan.json', 'sns-topic-cmk')).toEqual([
      'fail aws_sns_topic.aws_key',
      'fail aws_sns_topic.inline',
      'fail aws_sns_topic.open',
      'fail aws_sns_topic.plain',
      'pass aws_sns_topic.cmk',
    ]));
  it('sns-topic-tls-only passes encrypted topics and topics whose policy (aws_sns_topic_policy, or their own `policy`) denies plain HTTP', () =>
    expect(verdicts('messaging.plan.json', 'sns-topic-tls-only')).toEqual([
      'fail aws_sns_topic.open',
      'pass aws_sns_topic.aws_key',
      'pass aws_sns_topic.cmk',
      'pass aws_sns_topic.inline',
      'pass aws_sns_topic.plain',
    ]));
});
