import { describe, expect, it } from 'vitest';
import { statements } from '../../policy-document.js';
import { refTarget } from '../intrinsics.js';
import { resourcesOf } from './test-fixtures.js';

describe('KMS mapping', () => {
  const data = resourcesOf('data.plan.json');

  it('maps rotation, spec, state and deletion window', () => {
    const key = resourcesOf('secure.plan.json')('aws_kms_key.data');
    expect(key.type).toBe('AWS::KMS::Key');
    expect(key.properties).toMatchObject({
      EnableKeyRotation: true,
      KeySpec: 'SYMMETRIC_DEFAULT',
      KeyUsage: 'ENCRYPT_DECRYPT',
      Enabled: true,
      PendingWindowInDays: 30,
    });
  });

  it('folds aws_kms_key_policy into KeyPolicy', () => {
    const key = data('aws_kms_key.data');
    expect(statements(key.properties.KeyPolicy)[0]?.principals).toEqual({ AWS: '*' });
    expect(key.metadata.terraform).toMatchObject({ mergedFrom: ['aws_kms_key_policy.data'] });
  });

  it('maps an alias to its key', () => {
    const alias = data('aws_kms_alias.data');
    expect(alias.type).toBe('AWS::KMS::Alias');
    expect(alias.properties.AliasName).toBe('alias/acme-data');
    expect(refTarget(alias.properties.TargetKeyId)).toBe('aws_kms_key.data');
  });
});
