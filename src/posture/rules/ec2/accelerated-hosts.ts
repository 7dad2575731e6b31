import type { Resource } from '../../graph.js';
import type { RuleContext } from '../../rule.js';
import { refTarget } from '../../sources/intrinsics.js';
import { isAiHost } from '../ai-footprint.js';

/** The launch template an instance is launched from, when it is declared in the same template. */
export function launchTemplateOf(ctx: RuleContext, instance: Resource): Resource | undefined {
  if (instance.type !== 'AWS::EC2::Instance') return undefined;
  const spec = instance.properties.LaunchTemplate as Record<string, unknown> | undefined;
  const target = refTarget(spec?.LaunchTemplateId) ?? refTarget(spec?.LaunchTemplateName);
  const lt = target ? ctx.graph.get(instance, target) : undefined;
  return lt?.type === 'AWS::EC2::LaunchTemplate' ? lt : undefined;
}

/** True when the instance names a launch template the scan cannot read (its settings then live elsewhere). */
export function usesUnreadLaunchTemplate(ctx: RuleContext, instance: Resource): boolean {
  return instance.properties.LaunchTemplate !== undefined && !launchTemplateOf(ctx, instance);
}

/** True when an instance type names an accelerated family; isAiHost keeps the one list of those families. */
const acceleratedType = (instanceType: unknown) =>
  isAiHost({ type: 'AWS::EC2::Instance', properties: { InstanceType: instanceType } } as unknown as Resource);

/**
 * An accelerated (GPU, Inferentia, Trainium, DL) instance or launch template: the self-managed hosts that train or
 * serve models. An instance without its own InstanceType takes the one of its launch template; a type given by a
 * parameter counts by its default.
 */
export function isAcceleratedHost(ctx: RuleContext, r: Resource): boolean {
  if (r.type === 'AWS::EC2::LaunchTemplate')
    return acceleratedType(ctx.value(r, ['LaunchTemplateData', 'InstanceType']));
  if (r.type !== 'AWS::EC2::Instance') return false;
  const own = ctx.value(r, ['InstanceType']);
  if (own !== undefined) return acceleratedType(own);
  const lt = launchTemplateOf(ctx, r);
  return lt ? isAcceleratedHost(ctx, lt) : false;
}
