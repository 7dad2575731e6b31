import { describe, expect, it } from 'vitest';
import { refTarget } from '../intrinsics.js';
import { resourcesOf } from './test-fixtures.js';

describe('ECR mapping', () => {
  it('maps scanning, tag immutability, encryption and the folded repository policy', () => {
    const r = resourcesOf('data.plan.json')('aws_ecr_repository.models');
    expect(r.type).toBe('AWS::ECR::Repository');
    expect(r.properties).toMatchObject({
      ImageTagMutability: 'IMMUTABLE',
      ImageScanningConfiguration: { ScanOnPush: true },
      EncryptionConfiguration: { EncryptionType: 'KMS' },
      RepositoryPolicyText: { Statement: [{ Principal: '*' }] },
    });
    expect(refTarget((r.properties.EncryptionConfiguration as Record<string, unknown>).KmsKey)).toBe(
      'aws_kms_key.data',
    );
  });
});
