import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanPaths } from '../../engine.js';
import { refTarget } from '../intrinsics.js';
import { ruleVerdicts as verdicts } from './rule-verdicts.js';
import { fixturePath, resourcesOf } from './test-fixtures.js';

const messaging = resourcesOf('messaging.plan.json');

describe('SQS mapping', () => {
  it('maps queues with their key and SSE-SQS switch', () => {
    const queue = messaging('aws_sqs_queue.cmk');
    expect(queue).toMatchObject({
      type: 'AWS::SQS::Queue',
      properties: { QueueName: 'embedding-jobs', RedrivePolicy: { maxReceiveCount: 5 } },
    });
    expect(refTarget(queue.properties.KmsMasterKeyId)).toBe('aws_kms_key.messages');
    // Left to the provider (SSE-SQS on by default), it is not declared; switched off, it is.
    expect(messaging('aws_sqs_queue.sse').properties).not.toHaveProperty('SqsManagedSseEnabled');
    expect(messaging('aws_sqs_queue.unencrypted').properties.SqsManagedSseEnabled).toBe(false);
  });

  it('maps a queue policy onto the queue it governs', () => {
    const qp = messaging('aws_sqs_queue_policy.sse');
    expect(qp.type).toBe('AWS::SQS::QueuePolicy');
    expect((qp.properties.Queues as unknown[]).map(refTarget)).toEqual(['aws_sqs_queue.sse']);
  });
});

describe('SQS rules on a plan', () => {
  it('sqs-queue-cmk passes only a customer managed key', () =>
    expect(verdicts('messaging.plan.json', 'sqs-queue-cmk')).toEqual([
      'fail aws_sqs_queue.inline',
      'fail aws_sqs_queue.inline_open',
      'fail aws_sqs_queue.sse',
      'fail aws_sqs_queue.unencrypted',
      'pass aws_sqs_queue.cmk',
    ]));
  it('sqs-queue-tls-only reads the aws_sqs_queue_policy that names the queue, and the queue’s own `policy`', () => {
    expect(verdicts('messaging.plan.json', 'sqs-queue-tls-only')).toEqual([
      'fail aws_sqs_queue.inline_open',
      'fail aws_sqs_queue.unencrypted',
      'pass aws_sqs_queue.cmk',
      'pass aws_sqs_queue.inline',
      'pass aws_sqs_queue.sse',
    ]);
    const file = fixturePath('messaging.plan.json');
    const open = scanPaths([file], { root: dirname(file) }).findings.find(
      (f) => f.ruleId === 'sqs-queue-tls-only' && f.resource.id === 'aws_sqs_queue.inline_open',
    );
    expect(open?.message).toMatch(/has a queue policy, but it does not deny/);
  });
});
