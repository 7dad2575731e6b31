import { fail, pass, type ResourceRule } from '../../rule.js';
import { isSet } from '../../values.js';
import { deniesInsecureTransport } from '../secure-transport.js';
import { queuePolicies } from './queue-policies.js';

export const sqsQueueTlsOnly: ResourceRule = {
  kind: 'resource',
  id: 'sqs-queue-tls-only',
  title: 'SQS queue accepts requests over TLS only',
  severity: 'medium',
  resourceTypes: ['AWS::SQS::Queue'],
  controls: ['dp-tls-in-transit'],
  description:
    'A queue policy denies sqs:SendMessage and sqs:ReceiveMessage (e.g. sqs:*) to every principal when aws:SecureTransport is false, so messages carrying AI data never travel in clear text. A queue encrypted with KMS (KmsMasterKeyId) passes as it is: SQS accepts only HTTPS, Signature Version 4 requests for such queues. cdk-nag AwsSolutions-SQS4 asks for the policy on those too.',
  remediation: {
    text: 'Encrypt the queue with KMS, or add an AWS::SQS::QueuePolicy that denies sqs:* when aws:SecureTransport is false.',
    cloudformation:
      'PolicyDocument:\n  Statement:\n    - Effect: Deny\n      Principal: "*"\n      Action: sqs:*\n      Resource: !GetAtt Queue.Arn\n      Condition: { Bool: { aws:SecureTransport: false } }',
    terraform:
      'statement {\n  effect    = "Deny"\n  actions   = ["sqs:*"]\n  resources = [aws_sqs_queue.this.arn]\n  principals { type = "*" identifiers = ["*"] }\n  condition { test = "Bool" variable = "aws:SecureTransport" values = ["false"] }\n}',
  },
  equivalents: { cdkNag: ['AwsSolutions-SQS4'] },
  evaluate(queue, ctx) {
    if (isSet(ctx.value(queue, ['KmsMasterKeyId'])))
      return pass(`Queue ${queue.id} is KMS-encrypted, so SQS accepts only HTTPS requests to it.`);
    const policies = queuePolicies(ctx, queue);
    const actions = ['sqs:SendMessage', 'sqs:ReceiveMessage'];
    if (policies.some((p) => deniesInsecureTransport(p.properties.PolicyDocument, actions)))
      return pass(`Queue ${queue.id} denies requests made without TLS.`);
    return fail(
      policies.length
        ? `Queue ${queue.id} has a queue policy, but it does not deny sending and receiving when aws:SecureTransport is false.`
        : `Queue ${queue.id} has no queue policy denying requests without TLS.`,
      { evidence: { queuePolicies: policies.map((p) => p.id) } },
    );
  },
};
