import type { Rule } from '../../rule.js';
import { s3BucketAccessLogging } from './s3-bucket-access-logging.js';
import { s3BucketCriticalObjectLockOrReplication } from './s3-bucket-critical-object-lock-or-replication.js';
import { s3BucketKmsEncryption } from './s3-bucket-kms-encryption.js';
import { s3BucketNoPublicAcl } from './s3-bucket-no-public-acl.js';
import { s3BucketPolicyNoPublicPrincipal } from './s3-bucket-policy-no-public-principal.js';
import { s3BucketPublicAccessBlock } from './s3-bucket-public-access-block.js';
import { s3BucketTlsOnly } from './s3-bucket-tls-only.js';
import { s3BucketVersioning } from './s3-bucket-versioning.js';

/** s3 rules, in evaluation order. */
export const s3Rules: Rule[] = [
  s3BucketKmsEncryption,
  s3BucketPublicAccessBlock,
  s3BucketVersioning,
  s3BucketTlsOnly,
  s3BucketAccessLogging,
  s3BucketCriticalObjectLockOrReplication,
  s3BucketNoPublicAcl,
  s3BucketPolicyNoPublicPrincipal,
];
