import type { Resource } from '../../graph.js';
import type { RuleContext } from '../../rule.js';
import { attachedPolicies } from '../attached-policies.js';

const HOLDERS = [
  { type: 'AWS::SQS::QueuePolicy', targets: 'Queues' },
  { type: 'AWS::SQS::QueueInlinePolicy', targets: 'Queue' },
];

/** Queue policies in the same template that apply to `queue` (by reference, or by a URL ending in its name). */
export function queuePolicies(ctx: RuleContext, queue: Resource): Resource[] {
  const name = ctx.value(queue, ['QueueName']);
  return attachedPolicies(ctx, queue, HOLDERS, typeof name === 'string' && name ? `/${name}` : undefined);
}
