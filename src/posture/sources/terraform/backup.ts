import { collectRefs } from '../intrinsics.js';
import { blocks, clean, shaped, tagMap } from './convert.js';
import type { TfMapping } from './mapping.js';
import type { Plan, TfResource } from './plan.js';
import { list, type Rec, setKey } from './records.js';
import { refIntrinsic } from './substitute.js';
import { isUnknown } from './unknown.js';

/**
 * A selection's resource list: literal ARNs and wildcards as written, plus every managed resource the expression
 * refers to (`[aws_dynamodb_table.t.arn]`, a `for` over a counted resource). ARNs known only after apply cannot be
 * lined up with their references one by one, and the selection selects each of them anyway, so the references
 * themselves make the list.
 */
function selected(plan: Plan, r: TfResource, attr: string): unknown[] | undefined {
  const written = list(r.values[attr]).filter((v) => clean(v) !== undefined && !isUnknown(v));
  const named = collectRefs(written);
  const referenced = plan
    .referenced(r, attr)
    .filter((t) => !named.has(t.address))
    .map((t) => refIntrinsic({ address: t.address, attr: 'arn' }));
  const all = [...written, ...referenced];
  return all.length ? all : undefined;
}

const CONDITIONS = [
  ['StringEquals', 'string_equals'],
  ['StringNotEquals', 'string_not_equals'],
  ['StringLike', 'string_like'],
  ['StringNotLike', 'string_not_like'],
] as const;

/** `condition { string_equals { key, value } }` → `Conditions: { StringEquals: [{ ConditionKey, ConditionValue }] }`. */
function conditions(v: Rec): Rec | undefined {
  const out: Rec = {};
  for (const [cfnKey, tfKey] of CONDITIONS) {
    const pairs = blocks(v.condition).flatMap((c) =>
      blocks(c[tfKey]).map((p) => shaped(p, { ConditionKey: 'key', ConditionValue: 'value' })),
    );
    if (pairs.length) setKey(out, cfnKey, pairs);
  }
  return clean(out) as Rec | undefined;
}

export const backupMappings: TfMapping[] = [
  {
    tf: 'aws_backup_vault',
    cfn: 'AWS::Backup::BackupVault',
    props: (r) =>
      shaped(r.values, {
        BackupVaultName: 'name',
        EncryptionKeyArn: 'kms_key_arn',
        BackupVaultTags: () => tagMap(r.values),
      }),
  },
  {
    tf: 'aws_backup_selection',
    cfn: 'AWS::Backup::BackupSelection',
    props: (r, plan) => ({
      ...shaped(r.values, { BackupPlanId: 'plan_id' }),
      BackupSelection: shaped(r.values, {
        SelectionName: 'name',
        IamRoleArn: 'iam_role_arn',
        Resources: () => selected(plan, r, 'resources'),
        NotResources: () => selected(plan, r, 'not_resources'),
        ListOfTags: (s) =>
          clean(
            blocks(s.selection_tag).map((t) =>
              shaped(t, { ConditionType: 'type', ConditionKey: 'key', ConditionValue: 'value' }),
            ),
          ),
        Conditions: conditions,
      }),
    }),
  },
];
