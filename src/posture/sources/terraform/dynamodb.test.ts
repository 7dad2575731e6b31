import { describe, expect, it } from 'vitest';
import { refTarget } from '../intrinsics.js';
import { resourcesOf } from './test-fixtures.js';

describe('DynamoDB mapping', () => {
  it('maps keys, encryption with a customer managed key and point-in-time recovery', () => {
    const t = resourcesOf('data.plan.json')('aws_dynamodb_table.sessions');
    expect(t.type).toBe('AWS::DynamoDB::Table');
    expect(t.properties.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    expect(t.properties.SSESpecification).toMatchObject({ SSEEnabled: true, SSEType: 'KMS' });
    expect(refTarget((t.properties.SSESpecification as Record<string, unknown>).KMSMasterKeyId)).toBe(
      'aws_kms_key.data',
    );
    expect(t.properties.PointInTimeRecoverySpecification).toEqual({
      PointInTimeRecoveryEnabled: true,
      RecoveryPeriodInDays: 35,
    });
    expect(t.properties.DeletionProtectionEnabled).toBe(true);
    expect(t.properties).not.toHaveProperty('StreamSpecification');
  });
});
