import type { Resource } from '../graph.js';
import type { RuleContext } from '../rule.js';
import { collectRefs } from '../sources/intrinsics.js';
import { asArray } from '../values.js';
import { sameTemplate } from './kms/branches.js';

/** A resource-policy type and the property naming the resources it governs (a list or a single value). */
export interface PolicyHolder {
  type: string;
  targets: string;
}

/**
 * Resource policies in the same template that govern `target`: those whose target property references it, or names it
 * literally by an ARN or URL ending in `suffix` (the target's fixed name, e.g. `:my-topic` or `/my-queue`).
 */
export function attachedPolicies(
  ctx: RuleContext,
  target: Resource,
  holders: readonly PolicyHolder[],
  suffix?: string,
): Resource[] {
  return holders.flatMap(({ type, targets }) =>
    sameTemplate(ctx, target, type).filter((p) => {
      const named = p.properties[targets];
      if (collectRefs(named).has(target.id)) return true;
      return !!suffix && asArray(named).some((v) => typeof v === 'string' && v.endsWith(suffix));
    }),
  );
}
