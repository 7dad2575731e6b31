import { block, clean, kebabToPascal, many, one, shaped, tagList } from './convert.js';
import type { TfMapping } from './mapping.js';
import type { Plan, TfResource } from './plan.js';
import { policyOf } from './policy.js';
import { type Rec, str } from './records.js';
import { refIntrinsic } from './substitute.js';

const BUCKET = ['aws_s3_bucket'];
/** Split resources name their bucket by `bucket` (the bucket's name, which is also its id). */
const toBucket = (r: TfResource, plan: Plan) => plan.link(r, 'bucket', BUCKET, ['id', 'bucket']);

const ENCRYPTION_RULES = many('rule', {
  ServerSideEncryptionByDefault: one('apply_server_side_encryption_by_default', {
    SSEAlgorithm: 'sse_algorithm',
    KMSMasterKeyID: 'kms_master_key_id',
  }),
  BucketKeyEnabled: 'bucket_key_enabled',
});

const encryption = (v: Rec) => {
  const rules = shaped(v, { ServerSideEncryptionConfiguration: ENCRYPTION_RULES }).ServerSideEncryptionConfiguration;
  return rules ? { ServerSideEncryptionConfiguration: rules } : undefined;
};

const OBJECT_LOCK_RULE = one('rule', {
  DefaultRetention: one('default_retention', { Mode: 'mode', Days: 'days', Years: 'years' }),
});

const REPLICATION_RULES = many('rule', {
  Id: 'id',
  Priority: 'priority',
  Status: 'status',
  Prefix: 'prefix',
  Filter: one('filter', { Prefix: 'prefix' }),
  Destination: one('destination', {
    Bucket: 'bucket',
    StorageClass: 'storage_class',
    Account: 'account',
    EncryptionConfiguration: one('encryption_configuration', { ReplicaKmsKeyID: 'replica_kms_key_id' }),
  }),
  DeleteMarkerReplication: one('delete_marker_replication', { Status: 'status' }),
});

/** Terraform's versioning status also has `Disabled` (never enabled), which CloudFormation spells as no setting. */
const versioningStatus = (s: unknown) => (s === 'Disabled' ? undefined : clean(s));

/** A log target bucket declared in the same plan becomes a reference to it. */
function logTarget(r: TfResource, plan: Plan, attr: string): unknown {
  const target = plan.link(r, attr, BUCKET, ['id', 'bucket']);
  return target ? refIntrinsic({ address: target.address }) : clean(r.values[attr]);
}

/**
 * The bucket itself, with the configuration the AWS provider before v4 kept inline. Those inline blocks are
 * read-only in later providers; a split resource merged afterwards overrides them.
 */
function bucketProps(r: TfResource): Rec {
  const v = r.values;
  const versioning = block(v.versioning);
  const logging = block(v.logging);
  const lock = block(v.object_lock_configuration);
  const replication = block(v.replication_configuration);
  return shaped(v, {
    BucketName: 'bucket',
    ObjectLockEnabled: 'object_lock_enabled',
    AccessControl: (s) => (typeof s.acl === 'string' ? kebabToPascal(s.acl) : undefined),
    BucketEncryption: (s) => encryption(block(s.server_side_encryption_configuration) ?? {}),
    VersioningConfiguration: () => (versioning?.enabled === true ? { Status: 'Enabled' } : undefined),
    LoggingConfiguration: () =>
      logging && str(logging.target_bucket)
        ? shaped(logging, { DestinationBucketName: 'target_bucket', LogFilePrefix: 'target_prefix' })
        : undefined,
    ObjectLockConfiguration: () =>
      lock?.object_lock_enabled === 'Enabled'
        ? shaped(lock, { ObjectLockEnabled: 'object_lock_enabled', Rule: OBJECT_LOCK_RULE })
        : undefined,
    ReplicationConfiguration: () =>
      replication ? shaped(replication, { Role: 'role', Rules: REPLICATION_RULES }) : undefined,
    Tags: () => tagList(v),
  });
}

/** A split resource contributing `props(values)` to its bucket. */
const part = (tf: string, props: (r: TfResource, plan: Plan) => Rec): TfMapping => ({
  tf,
  merge: (r, plan) => {
    const parent = toBucket(r, plan);
    return parent ? [{ parent, props: props(r, plan) }] : [];
  },
});

export const s3Mappings: TfMapping[] = [
  { tf: 'aws_s3_bucket', cfn: 'AWS::S3::Bucket', props: bucketProps },
  part('aws_s3_bucket_server_side_encryption_configuration', (r) => ({ BucketEncryption: encryption(r.values) })),
  part('aws_s3_bucket_versioning', (r) => {
    const status = versioningStatus(block(r.values.versioning_configuration)?.status);
    return { VersioningConfiguration: status === undefined ? undefined : { Status: status } };
  }),
  part('aws_s3_bucket_public_access_block', (r) => ({
    PublicAccessBlockConfiguration: shaped(r.values, {
      BlockPublicAcls: 'block_public_acls',
      BlockPublicPolicy: 'block_public_policy',
      IgnorePublicAcls: 'ignore_public_acls',
      RestrictPublicBuckets: 'restrict_public_buckets',
    }),
  })),
  part('aws_s3_bucket_logging', (r, plan) => ({
    LoggingConfiguration: {
      ...shaped(r.values, { LogFilePrefix: 'target_prefix' }),
      DestinationBucketName: logTarget(r, plan, 'target_bucket'),
    },
  })),
  part('aws_s3_bucket_object_lock_configuration', (r) => ({
    ObjectLockEnabled: true,
    ObjectLockConfiguration: {
      ObjectLockEnabled: 'Enabled',
      ...shaped(r.values, { Rule: OBJECT_LOCK_RULE }),
    },
  })),
  part('aws_s3_bucket_replication_configuration', (r) => ({
    ReplicationConfiguration: shaped(r.values, { Role: 'role', Rules: REPLICATION_RULES }),
  })),
  part('aws_s3_bucket_acl', (r) => ({
    AccessControl: typeof r.values.acl === 'string' ? kebabToPascal(r.values.acl) : undefined,
  })),
  part('aws_s3_bucket_ownership_controls', (r) => ({
    OwnershipControls: shaped(r.values, { Rules: many('rule', { ObjectOwnership: 'object_ownership' }) }),
  })),
  part('aws_s3_bucket_lifecycle_configuration', (r) => ({
    LifecycleConfiguration: shaped(r.values, {
      Rules: many('rule', {
        Id: 'id',
        Status: 'status',
        ExpirationInDays: (s) => clean(block(s.expiration)?.days),
        NoncurrentVersionExpiration: one('noncurrent_version_expiration', { NoncurrentDays: 'noncurrent_days' }),
        AbortIncompleteMultipartUpload: one('abort_incomplete_multipart_upload', {
          DaysAfterInitiation: 'days_after_initiation',
        }),
      }),
    }),
  })),
  {
    tf: 'aws_s3_bucket_policy',
    cfn: 'AWS::S3::BucketPolicy',
    props: (r, plan) => {
      const bucket = toBucket(r, plan);
      return shaped(r.values, {
        Bucket: (s) => (bucket ? refIntrinsic({ address: bucket.address }) : clean(s.bucket)),
        PolicyDocument: () => policyOf(plan, r, 'policy'),
      });
    },
  },
];
