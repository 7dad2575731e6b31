import type { Resource } from '../../graph.js';
import type { RuleContext } from '../../rule.js';
import { isIntrinsic } from '../../sources/intrinsics.js';
import { valuesAt } from '../deploy-values.js';

/** What a KMS key property points at. */
export type KeyRefKind = 'customer' | 'aws-managed' | 'absent';

/** `alias/aws/s3`, `aws/secretsmanager`, `arn:aws:kms:…:alias/aws/ecr`: keys AWS creates and manages per service. */
const AWS_MANAGED = /(^|[:/])alias\/aws\/|^aws\//i;

/**
 * Classify one key reference. A `Ref`/`GetAtt`/import counts as customer managed: it names a key declared or
 * exported somewhere, and AWS managed keys cannot be declared. A `Sub` that spells an AWS alias does not.
 */
export function classifyKeyRef(v: unknown): KeyRefKind {
  if (v === undefined || v === null || v === '') return 'absent';
  if (typeof v === 'string') return AWS_MANAGED.test(v) ? 'aws-managed' : 'customer';
  if (isIntrinsic(v)) {
    const o = v as Record<string, unknown>;
    if (o.Ref === 'AWS::NoValue') return 'absent';
    const sub = o['Fn::Sub'];
    const text = Array.isArray(sub) ? sub[0] : sub;
    if (typeof text === 'string' && AWS_MANAGED.test(text)) return 'aws-managed';
    return 'customer';
  }
  return 'customer';
}

const RANK: Record<KeyRefKind, number> = { customer: 2, 'aws-managed': 1, absent: 0 };

/** The best key a property may name across `Fn::If` branches and parameter defaults. */
export function keyRefAt(ctx: RuleContext, r: Resource, path: readonly (string | number)[]): KeyRefKind {
  return valuesAt(ctx, r, path)
    .map(classifyKeyRef)
    .reduce<KeyRefKind>((best, k) => (RANK[k] > RANK[best] ? k : best), 'absent');
}
