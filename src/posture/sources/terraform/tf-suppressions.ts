import type { Resource } from '../../graph.js';
import type { Plan } from './plan.js';
import { isRec, setKey, strings } from './records.js';
import type { TfDeclarations } from './tf-declarations.js';

/**
 * One suppression comment as resource metadata (`metadata.terraform.suppressions`), the shape
 * `inline-suppressions.ts` reads: plain data, so it survives the trip to a worker thread with the resource.
 */
export interface TerraformSuppression {
  tool: 'steward' | 'checkov';
  rule: string;
  reason: string;
  /** `file:line` of the comment. */
  source: string;
}

/**
 * Put the suppression comments of each resource's `.tf` block on the resource. Every `count` / `for_each` instance
 * shares its block's comments; a resource folded into another (a bucket's `aws_s3_bucket_versioning`) brings its
 * block's comments to the resource it joined, since that is the resource findings name.
 */
export function attachSuppressionComments(resources: readonly Resource[], plan: Plan, config: TfDeclarations): void {
  for (const resource of resources) {
    const terraform = resource.metadata.terraform;
    if (!isRec(terraform)) continue;
    const found: TerraformSuppression[] = [];
    for (const address of [resource.id, ...strings(terraform.mergedFrom)]) {
      const r = plan.get(address);
      const declared = r && config.of(r);
      if (!declared) continue;
      for (const s of declared.suppressions) {
        found.push({ tool: s.tool, rule: s.rule, reason: s.reason, source: `${declared.file}:${s.line}` });
      }
    }
    if (found.length) setKey(terraform, 'suppressions', found);
  }
}
