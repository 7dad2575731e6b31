import { clean, shaped, tagList } from './convert.js';
import type { TfMapping } from './mapping.js';
import { policyOf } from './policy.js';
import { refIntrinsic } from './substitute.js';

const KEY = ['aws_kms_key'];

export const kmsMappings: TfMapping[] = [
  {
    tf: 'aws_kms_key',
    cfn: 'AWS::KMS::Key',
    props: (r, plan) =>
      shaped(r.values, {
        Description: 'description',
        KeyUsage: 'key_usage',
        KeySpec: 'customer_master_key_spec',
        KeyPolicy: () => policyOf(plan, r, 'policy'),
        EnableKeyRotation: 'enable_key_rotation',
        RotationPeriodInDays: 'rotation_period_in_days',
        Enabled: 'is_enabled',
        PendingWindowInDays: 'deletion_window_in_days',
        MultiRegion: 'multi_region',
        BypassPolicyLockoutSafetyCheck: 'bypass_policy_lockout_safety_check',
        Tags: () => tagList(r.values),
      }),
  },
  {
    tf: 'aws_kms_key_policy',
    merge: (r, plan) => {
      const key = plan.link(r, 'key_id', KEY, ['id', 'key_id', 'arn']);
      return key ? [{ parent: key, props: { KeyPolicy: policyOf(plan, r, 'policy') } }] : [];
    },
  },
  {
    tf: 'aws_kms_alias',
    cfn: 'AWS::KMS::Alias',
    props: (r, plan) => {
      const key = plan.link(r, 'target_key_id', KEY, ['id', 'key_id', 'arn']);
      return shaped(r.values, {
        AliasName: 'name',
        TargetKeyId: (s) => (key ? refIntrinsic({ address: key.address }) : clean(s.target_key_id)),
      });
    },
  },
];
