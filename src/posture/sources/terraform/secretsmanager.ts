import { clean, many, one, shaped, tagList } from './convert.js';
import type { TfMapping } from './mapping.js';
import { policyOf } from './policy.js';
import { refIntrinsic } from './substitute.js';

const SECRET = ['aws_secretsmanager_secret'];

/** Secret values (`aws_secretsmanager_secret_version`) are deliberately not mapped: nothing to check, much to leak. */
export const secretsmanagerMappings: TfMapping[] = [
  {
    tf: 'aws_secretsmanager_secret',
    cfn: 'AWS::SecretsManager::Secret',
    props: (r) =>
      shaped(r.values, {
        Name: 'name',
        Description: 'description',
        KmsKeyId: 'kms_key_id',
        ReplicaRegions: many('replica', { Region: 'region', KmsKeyId: 'kms_key_id' }),
        Tags: () => tagList(r.values),
      }),
  },
  {
    tf: 'aws_secretsmanager_secret_rotation',
    cfn: 'AWS::SecretsManager::RotationSchedule',
    props: (r, plan) => {
      const secret = plan.link(r, 'secret_id', SECRET, ['id', 'arn']);
      return shaped(r.values, {
        SecretId: (s) => (secret ? refIntrinsic({ address: secret.address }) : clean(s.secret_id)),
        RotationLambdaARN: 'rotation_lambda_arn',
        RotationRules: one('rotation_rules', {
          AutomaticallyAfterDays: 'automatically_after_days',
          ScheduleExpression: 'schedule_expression',
          Duration: 'duration',
        }),
        RotateImmediatelyOnUpdate: 'rotate_immediately',
      });
    },
  },
  {
    tf: 'aws_secretsmanager_secret_policy',
    cfn: 'AWS::SecretsManager::ResourcePolicy',
    props: (r, plan) => {
      const secret = plan.link(r, 'secret_arn', SECRET, ['arn', 'id']);
      return shaped(r.values, {
        SecretId: (s) => (secret ? refIntrinsic({ address: secret.address }) : clean(s.secret_arn)),
        ResourcePolicy: () => policyOf(plan, r, 'policy'),
        BlockPublicPolicy: 'block_public_policy',
      });
    },
  },
];
