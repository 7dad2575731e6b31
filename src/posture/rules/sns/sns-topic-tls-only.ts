import { fail, pass, type ResourceRule } from '../../rule.js';
import { isSet } from '../../values.js';
import { deniesInsecureTransport } from '../secure-transport.js';
import { topicPolicies } from './topic-policies.js';

export const snsTopicTlsOnly: ResourceRule = {
  kind: 'resource',
  id: 'sns-topic-tls-only',
  title: 'SNS topic accepts publishes over TLS only',
  severity: 'medium',
  resourceTypes: ['AWS::SNS::Topic'],
  controls: ['dp-tls-in-transit'],
  description:
    'A topic policy denies sns:Publish to every principal when aws:SecureTransport is false, so messages carrying AI results cannot be sent in clear text. A topic with server-side encryption (KmsMasterKeyId) passes as it is: SNS accepts only HTTPS, Signature Version 4 requests for encrypted topics.',
  remediation: {
    text: 'Encrypt the topic with KMS, or add an AWS::SNS::TopicPolicy that denies sns:Publish when aws:SecureTransport is false.',
    cloudformation:
      'PolicyDocument:\n  Statement:\n    - Effect: Deny\n      Principal: "*"\n      Action: sns:Publish\n      Resource: !Ref Topic\n      Condition: { Bool: { aws:SecureTransport: false } }',
    terraform:
      'statement {\n  effect    = "Deny"\n  actions   = ["sns:Publish"]\n  resources = [aws_sns_topic.this.arn]\n  principals { type = "*" identifiers = ["*"] }\n  condition { test = "Bool" variable = "aws:SecureTransport" values = ["false"] }\n}',
  },
  equivalents: { cdkNag: ['AwsSolutions-SNS3'] },
  evaluate(topic, ctx) {
    if (isSet(ctx.value(topic, ['KmsMasterKeyId'])))
      return pass(`Topic ${topic.id} is KMS-encrypted, so SNS accepts only HTTPS requests to it.`);
    const policies = topicPolicies(ctx, topic);
    if (policies.some((p) => deniesInsecureTransport(p.properties.PolicyDocument, ['sns:Publish'])))
      return pass(`Topic ${topic.id} denies publishes made without TLS.`);
    return fail(
      policies.length
        ? `Topic ${topic.id} has a topic policy, but it does not deny sns:Publish when aws:SecureTransport is false.`
        : `Topic ${topic.id} has no topic policy denying publishes without TLS.`,
      { evidence: { topicPolicies: policies.map((p) => p.id) } },
    );
  },
};
