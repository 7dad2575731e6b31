import type { Resource } from '../graph.js';
import type { RuleContext } from '../rule.js';
import { collectRefs } from '../sources/intrinsics.js';
import { asArray, isSet } from '../values.js';
import { sameTemplate } from './deploy-values.js';

/** A resource-policy type and the property naming the resources it governs (a list or a single value). */
export interface PolicyHolder {
  type: string;
  targets: string;
}

/**
 * Resource policies in the same template that govern `target`: those whose target property references it, or names it
 * literally by an ARN or URL ending in `suffix` (the target's fixed name, e.g. `:my-topic` or `/my-queue`). A
 * Terraform topic or queue can carry its policy itself (the `policy` argument, mapped to `PolicyDocument`): the
 * target is then among its own policies, first.
 */
export function attachedPolicies(
  ctx: RuleContext,
  target: Resource,
  holders: readonly PolicyHolder[],
  suffix?: string,
): Resource[] {
  const own = target.sourceType !== undefined && isSet(target.properties.PolicyDocument) ? [target] : [];
  return own.concat(
    holders.flatMap(({ type, targets }) =>
      sameTemplate(ctx, target, type).filter((p) => {
        const named = p.properties[targets];
        if (collectRefs(named).has(target.id)) return true;
        return !!suffix && asArray(named).some((v) => typeof v === 'string' && v.endsWith(suffix));
      }),
    ),
  );
}
