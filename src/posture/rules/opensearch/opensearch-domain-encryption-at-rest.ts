import type { ResourceRule } from '../../rule.js';
import { boolIs, decide, settle, valuesAt } from '../deploy-values.js';
import { DOMAIN_TYPES } from './domain-types.js';

export const opensearchDomainEncryptionAtRest: ResourceRule = {
  kind: 'resource',
  id: 'opensearch-domain-encryption-at-rest',
  title: 'OpenSearch domain encrypts data at rest',
  severity: 'high',
  resourceTypes: DOMAIN_TYPES,
  controls: ['dp-vector-store-encryption'],
  description:
    'EncryptionAtRestOptions.Enabled is true, so indexes (including k-NN vector indexes built from private documents), logs, swap files and automated snapshots are encrypted on disk.',
  remediation: {
    text: 'Set EncryptionAtRestOptions.Enabled: true with a KmsKeyId.',
    cloudformation: 'EncryptionAtRestOptions:\n  Enabled: true\n  KmsKeyId: !Ref SearchKey',
    terraform: 'encrypt_at_rest {\n  enabled    = true\n  kms_key_id = aws_kms_key.search.arn\n}',
  },
  equivalents: {
    checkov: ['CKV_AWS_5'],
    cdkNag: [
      'AwsSolutions-OS8',
      'NIST.800.53.R5-OpenSearchEncryptedAtRest',
      'HIPAA.Security-OpenSearchEncryptedAtRest',
    ],
    cfnNag: ['W54'],
    prowler: ['opensearch_service_domains_encryption_at_rest_enabled'],
    securityHub: ['OpenSearch.1', 'ES.1'],
  },
  evaluate(d, ctx) {
    return settle(
      decide(valuesAt(ctx, d, ['EncryptionAtRestOptions', 'Enabled']), boolIs(true, false)),
      {
        pass: `Domain ${d.id} encrypts data at rest.`,
        fail: `Domain ${d.id} does not enable encryption at rest.`,
      },
      { path: d.properties.EncryptionAtRestOptions ? ['EncryptionAtRestOptions'] : [] },
    );
  },
};
