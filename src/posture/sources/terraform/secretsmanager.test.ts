import { describe, expect, it } from 'vitest';
import { refTarget } from '../intrinsics.js';
import { resourcesOf } from './test-fixtures.js';
import { isUnknown } from './unknown.js';

describe('Secrets Manager mapping', () => {
  const data = resourcesOf('data.plan.json');

  it('maps a secret, its rotation schedule and its resource policy', () => {
    const s = data('aws_secretsmanager_secret.db');
    expect(s.type).toBe('AWS::SecretsManager::Secret');
    expect(refTarget(s.properties.KmsKeyId)).toBe('aws_kms_key.data');
    expect(s.properties.ReplicaRegions).toEqual([{ Region: 'eu-central-1', KmsKeyId: 'alias/aws/secretsmanager' }]);
    const rot = data('aws_secretsmanager_secret_rotation.db');
    expect(rot.type).toBe('AWS::SecretsManager::RotationSchedule');
    expect(refTarget(rot.properties.SecretId)).toBe('aws_secretsmanager_secret.db');
    expect(rot.properties.RotationRules).toEqual({ AutomaticallyAfterDays: 30 });
    const pol = data('aws_secretsmanager_secret_policy.db');
    expect(pol.type).toBe('AWS::SecretsManager::ResourcePolicy');
    expect(refTarget(pol.properties.SecretId)).toBe('aws_secretsmanager_secret.db');
    expect(pol.properties.BlockPublicPolicy).toBe(true);
  });

  it('redacts values the plan marks sensitive, even on types it does not map', () => {
    const v = data('aws_secretsmanager_secret_version.db');
    expect(v.type).toBe('aws_secretsmanager_secret_version');
    expect(isUnknown(v.properties.secret_string)).toBe(true);
    expect(JSON.stringify(v.properties)).not.toContain('super-secret');
  });
});
