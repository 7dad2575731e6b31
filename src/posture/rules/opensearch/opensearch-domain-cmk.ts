import { fail, pass, type ResourceRule } from '../../rule.js';
import { boolIs, decide, valuesAt } from '../deploy-values.js';
import { keyRefAt } from '../kms/key-reference.js';
import { DOMAIN_TYPES } from './domain-types.js';

export const opensearchDomainCmk: ResourceRule = {
  kind: 'resource',
  id: 'opensearch-domain-cmk',
  title: 'OpenSearch domain is encrypted with a customer managed KMS key',
  severity: 'medium',
  resourceTypes: DOMAIN_TYPES,
  controls: ['dp-vector-store-encryption', 'dp-kms-cmk-at-rest'],
  description:
    'Encryption at rest names a customer managed key (EncryptionAtRestOptions.KmsKeyId) rather than the AWS managed key aws/es, so access to the vector store at rest is governed by a key policy the account writes and CloudTrail records every use of it.',
  remediation: {
    text: 'Set EncryptionAtRestOptions.KmsKeyId to a customer managed key (the key can only be chosen when the domain is created).',
    cloudformation: 'EncryptionAtRestOptions:\n  Enabled: true\n  KmsKeyId: !Ref SearchKey',
    terraform: 'encrypt_at_rest {\n  enabled    = true\n  kms_key_id = aws_kms_key.search.arn\n}',
  },
  equivalents: { checkov: ['CKV_AWS_247'] },
  evaluate(d, ctx) {
    const enabled = decide(valuesAt(ctx, d, ['EncryptionAtRestOptions', 'Enabled']), boolIs(true, false));
    if (enabled === 'fail')
      return fail(`Domain ${d.id} is not encrypted at rest, so no customer managed key protects it.`);
    return keyRefAt(ctx, d, ['EncryptionAtRestOptions', 'KmsKeyId']) === 'customer'
      ? pass(`Domain ${d.id} is encrypted with a customer managed key.`)
      : fail(`Domain ${d.id} is encrypted with the AWS managed key; set EncryptionAtRestOptions.KmsKeyId.`, {
          path: ['EncryptionAtRestOptions'],
        });
  },
};
