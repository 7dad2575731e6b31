import { fail, pass, type ResourceRule } from '../../rule.js';
import { isSet } from '../../values.js';

export const cloudtrailKms: ResourceRule = {
  kind: 'resource',
  id: 'cloudtrail-kms',
  title: 'CloudTrail logs are encrypted with a KMS key',
  severity: 'medium',
  resourceTypes: ['AWS::CloudTrail::Trail'],
  controls: ['tdr-cloudtrail-cmk'],
  description:
    'The trail sets KMSKeyId so audit logs, which reveal which models and datasets were accessed, are encrypted with a customer managed key.',
  remediation: {
    text: 'Set KMSKeyId to a customer managed key.',
    cloudformation: 'KMSKeyId: !Ref TrailKey',
    terraform: 'kms_key_id = aws_kms_key.trail.arn',
  },
  equivalents: {
    checkov: ['CKV_AWS_35'],
    cdkNag: ['NIST.800.53.R5-CloudTrailEncryptionEnabled', 'HIPAA.Security-CloudTrailEncryptionEnabled'],
    prowler: ['cloudtrail_kms_encryption_enabled'],
    securityHub: ['CloudTrail.2'],
  },
  evaluate(t) {
    return isSet(t.properties.KMSKeyId)
      ? pass(`Trail ${t.id} is KMS-encrypted.`)
      : fail(`Trail ${t.id} has no KMSKeyId.`);
  },
};
