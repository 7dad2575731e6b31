import { describe, expect, it } from 'vitest';
import { dig } from '../../values.js';
import { refTarget } from '../intrinsics.js';
import { loadPlan, resourcesOf } from './test-fixtures.js';

describe('S3 mapping', () => {
  const secure = resourcesOf('secure.plan.json');
  const data = resourcesOf('data.plan.json');

  it('folds the split encryption, versioning and public access block resources into the bucket', () => {
    const b = secure('module.kb.aws_s3_bucket.docs');
    expect(b.type).toBe('AWS::S3::Bucket');
    expect(b.sourceType).toBe('aws_s3_bucket');
    const sse = ['BucketEncryption', 'ServerSideEncryptionConfiguration', 0];
    expect(dig(b.properties, [...sse, 'ServerSideEncryptionByDefault', 'SSEAlgorithm'])).toBe('aws:kms');
    // The key comes from the root module through `var.kms_key_arn`.
    expect(refTarget(dig(b.properties, [...sse, 'ServerSideEncryptionByDefault', 'KMSMasterKeyID']))).toBe(
      'aws_kms_key.data',
    );
    expect(dig(b.properties, [...sse, 'BucketKeyEnabled'])).toBe(true);
    expect(b.properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(b.properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(b.properties.Tags).toContainEqual({ Key: 'data-criticality', Value: 'high' });
    expect(b.metadata.terraform).toMatchObject({
      mergedFrom: [
        'module.kb.aws_s3_bucket_server_side_encryption_configuration.docs',
        'module.kb.aws_s3_bucket_versioning.docs',
        'module.kb.aws_s3_bucket_public_access_block.docs',
      ],
    });
    expect(b.refs).toContain('aws_kms_key.data');
  });

  it('drops the split resources themselves and points merged properties at them', () => {
    const t = loadPlan('secure.plan.json');
    expect(t.resources.map((r) => r.id)).not.toContain('module.kb.aws_s3_bucket_versioning.docs');
    const b = secure('module.kb.aws_s3_bucket.docs');
    const text = JSON.stringify(t.resources.map((r) => r.id));
    expect(text).not.toContain('public_access_block');
    expect(b.positionOf(['VersioningConfiguration', 'Status']).line).toBeGreaterThan(b.position.line);
    expect(b.positionOf(['BucketName'])).toEqual(b.position);
  });

  it('keeps the bucket policy as AWS::S3::BucketPolicy referencing its bucket, from a deferred policy document', () => {
    const p = secure('module.kb.aws_s3_bucket_policy.docs');
    expect(p.type).toBe('AWS::S3::BucketPolicy');
    expect(refTarget(p.properties.Bucket)).toBe('module.kb.aws_s3_bucket.docs');
    expect(p.refs).toContain('module.kb.aws_s3_bucket.docs');
    expect(dig(p.properties, ['PolicyDocument', 'Statement', 0])).toMatchObject({
      Effect: 'Deny',
      Action: 's3:*',
      Principal: '*',
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    });
  });

  it('maps logging, object lock, replication, ACL, ownership and lifecycle', () => {
    const models = data('aws_s3_bucket.models');
    expect(refTarget(dig(models.properties, ['LoggingConfiguration', 'DestinationBucketName']))).toBe(
      'aws_s3_bucket.logs',
    );
    expect(models.properties.LoggingConfiguration).toMatchObject({ LogFilePrefix: 'models/' });
    expect(models.properties.ObjectLockEnabled).toBe(true);
    expect(models.properties.ObjectLockConfiguration).toEqual({
      ObjectLockEnabled: 'Enabled',
      Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 30 } },
    });
    expect(dig(models.properties, ['ReplicationConfiguration', 'Rules', 0])).toMatchObject({
      Status: 'Enabled',
      Destination: { Bucket: 'arn:aws:s3:::acme-models-dr' },
    });
    expect(models.properties.Tags).toEqual([{ Key: 'criticality', Value: 'critical' }]);
    const logs = data('aws_s3_bucket.logs');
    expect(logs.properties.AccessControl).toBe('LogDeliveryWrite');
    expect(logs.properties.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerPreferred' }] });
    expect(dig(logs.properties, ['LifecycleConfiguration', 'Rules', 0])).toMatchObject({
      Status: 'Enabled',
      ExpirationInDays: 365,
    });
  });

  it('treats provider-computed inline blocks of a new bucket as not declared', () => {
    const b = resourcesOf('insecure.plan.json')('aws_s3_bucket.training');
    expect(Object.keys(b.properties).sort()).toEqual(['BucketName', 'Tags']);
  });

  it('reads the inline configuration of an existing bucket and lets a split resource override it', () => {
    const b = resourcesOf('modules.plan.json')('aws_s3_bucket.legacy');
    // Linked by the literal bucket name: the versioning resource has no reference to follow.
    expect(b.properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(b.properties.BucketEncryption).toEqual({
      ServerSideEncryptionConfiguration: [
        { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: false },
      ],
    });
  });
});
