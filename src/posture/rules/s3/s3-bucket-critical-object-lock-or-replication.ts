import { fail, pass, type ResourceRule } from '../../rule.js';
import { asArray, dig, isSet } from '../../values.js';
import { boolIs, decide, valuesAt } from '../deploy-values.js';

/** Tag keys that carry a criticality rating, compared without case, dashes or underscores. */
const CRITICALITY_KEYS = new Set(['criticality', 'datacriticality']);
const CRITICAL_VALUES = new Set(['critical', 'high']);

/** The criticality tag of a resource when it rates the data critical or high; undefined otherwise. */
export function criticalTag(tags: unknown): { key: string; value: string } | undefined {
  for (const t of asArray(tags)) {
    const key = dig(t, ['Key']);
    const value = dig(t, ['Value']);
    if (typeof key !== 'string' || typeof value !== 'string') continue;
    if (CRITICALITY_KEYS.has(key.toLowerCase().replace(/[-_\s]/g, '')) && CRITICAL_VALUES.has(value.toLowerCase()))
      return { key, value };
  }
  return undefined;
}

export const s3BucketCriticalObjectLockOrReplication: ResourceRule = {
  kind: 'resource',
  id: 's3-bucket-critical-object-lock-or-replication',
  title: 'Critical S3 bucket has Object Lock retention or replication',
  severity: 'medium',
  resourceTypes: ['AWS::S3::Bucket'],
  controls: ['dp-s3-object-lock-or-replication', 'dp-backup-and-recovery'],
  description:
    'Applies to buckets tagged `criticality` or `data-criticality` = critical or high (approved models, curated training sets). Such a bucket either enables Object Lock with a default retention rule, so objects cannot be overwritten or deleted during the retention period, or replicates objects with at least one enabled replication rule, so a copy survives the loss or tampering of the source. Untagged buckets are not evaluated; Security Hub S3.15 and S3.7 test each half on every bucket.',
  remediation: {
    text: 'Enable Object Lock with a default retention rule, or add a ReplicationConfiguration with an enabled rule to a bucket in another Region or account.',
    cloudformation:
      'ObjectLockEnabled: true\nObjectLockConfiguration:\n  ObjectLockEnabled: Enabled\n  Rule:\n    DefaultRetention: { Mode: GOVERNANCE, Days: 90 }',
    terraform:
      'resource "aws_s3_bucket_object_lock_configuration" "this" {\n  bucket = aws_s3_bucket.this.id\n  rule {\n    default_retention {\n      mode = "GOVERNANCE"\n      days = 90\n    }\n  }\n}',
  },
  equivalents: {},
  evaluate(bucket, ctx) {
    // Tag values often come from a parameter (`Value: !Ref DataCriticality`): read them through its default.
    const tags = asArray(bucket.properties.Tags).map((_, i) => ({
      Key: ctx.value(bucket, ['Tags', i, 'Key']),
      Value: ctx.value(bucket, ['Tags', i, 'Value']),
    }));
    const tag = criticalTag(tags);
    if (!tag) return undefined;
    const rated = `Bucket ${bucket.id} (${tag.key}: ${tag.value})`;
    const locked = decide(valuesAt(ctx, bucket, ['ObjectLockEnabled']), boolIs(true, false)) === 'pass';
    const retention = dig(bucket.properties, ['ObjectLockConfiguration', 'Rule', 'DefaultRetention']);
    const hasRetention =
      isSet(dig(retention, ['Mode'])) && (isSet(dig(retention, ['Days'])) || isSet(dig(retention, ['Years'])));
    if (locked && hasRetention) return pass(`${rated} keeps objects under Object Lock default retention.`);
    const rules = asArray(dig(bucket.properties, ['ReplicationConfiguration', 'Rules']));
    if (rules.some((r) => dig(r, ['Status']) === 'Enabled')) return pass(`${rated} replicates its objects.`);
    const lockGap = locked ? 'enables Object Lock without a default retention rule' : 'does not enable Object Lock';
    const replicationGap = rules.length ? 'has no enabled replication rule' : 'has no replication';
    return fail(`${rated} ${lockGap} and ${replicationGap}: one bad write or delete loses the data.`, {
      path: rules.length ? ['ReplicationConfiguration'] : locked ? ['ObjectLockConfiguration'] : ['Tags'],
      evidence: { objectLockEnabled: locked, defaultRetention: hasRetention, replicationRules: rules.length },
    });
  },
};
