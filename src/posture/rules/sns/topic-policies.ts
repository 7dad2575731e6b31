import type { Resource } from '../../graph.js';
import type { RuleContext } from '../../rule.js';
import { attachedPolicies } from '../attached-policies.js';

const HOLDERS = [
  { type: 'AWS::SNS::TopicPolicy', targets: 'Topics' },
  { type: 'AWS::SNS::TopicInlinePolicy', targets: 'TopicArn' },
];

/** Topic policies in the same template that apply to `topic` (by reference, or by an ARN ending in its name). */
export function topicPolicies(ctx: RuleContext, topic: Resource): Resource[] {
  const name = ctx.value(topic, ['TopicName']);
  return attachedPolicies(ctx, topic, HOLDERS, typeof name === 'string' && name ? `:${name}` : undefined);
}
