import type { Resource } from '../graph.js';
import type { RuleContext } from '../rule.js';
import { asArray, asString } from '../values.js';
import { allOfType } from './deploy-values.js';
import { patternCovers, policyJson, renderText, specificity } from './opensearchserverless/policy-text.js';

/** The policy type (`encryption`, `network`), read through parameter defaults. */
export function policyType(ctx: RuleContext, p: Resource): string | undefined {
  return asString(ctx.value(p, ['Type']))?.toLowerCase();
}

/** One rule of a security policy that covers a collection, with the parsed policy it came from. */
export interface CoveringRule {
  policy: Resource;
  pattern: string;
  document: Record<string, unknown>;
}

/** Rules of `type` policies whose collection patterns cover the collection, most specific first. */
export function coveringRules(ctx: RuleContext, collection: Resource, type: string): CoveringRule[] {
  const name = renderText(ctx, collection, collection.properties.Name);
  if (name === undefined) return [];
  const found: CoveringRule[] = [];
  // Policies are account-wide: one stack may declare them for collections of another.
  for (const policy of allOfType(ctx, 'AWS::OpenSearchServerless::SecurityPolicy')) {
    if (policyType(ctx, policy) !== type) continue;
    // Encryption policies are one object; network policies are a list of them.
    for (const document of asArray(policyJson(ctx, policy, policy.properties.Policy))) {
      if (!document || typeof document !== 'object') continue;
      for (const rule of asArray((document as { Rules?: unknown }).Rules)) {
        const r = rule as { ResourceType?: unknown; Resource?: unknown } | undefined;
        if (r?.ResourceType !== 'collection') continue;
        for (const pattern of asArray(r.Resource)) {
          if (typeof pattern === 'string' && patternCovers(pattern, name))
            found.push({ policy, pattern, document: document as Record<string, unknown> });
        }
      }
    }
  }
  return found.sort((a, b) => specificity(b.pattern) - specificity(a.pattern));
}
