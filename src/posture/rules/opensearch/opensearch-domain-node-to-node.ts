import type { ResourceRule } from '../../rule.js';
import { boolIs, decide, settle, valuesAt } from '../deploy-values.js';
import { DOMAIN_TYPES } from './domain-types.js';

export const opensearchDomainNodeToNode: ResourceRule = {
  kind: 'resource',
  id: 'opensearch-domain-node-to-node',
  title: 'OpenSearch domain encrypts traffic between nodes',
  severity: 'medium',
  resourceTypes: DOMAIN_TYPES,
  controls: ['dp-tls-in-transit'],
  description:
    'NodeToNodeEncryptionOptions.Enabled is true, so documents and vectors moving between data nodes during indexing, replication and search travel over TLS inside the VPC as well.',
  remediation: {
    text: 'Set NodeToNodeEncryptionOptions.Enabled: true.',
    cloudformation: 'NodeToNodeEncryptionOptions:\n  Enabled: true',
    terraform: 'node_to_node_encryption {\n  enabled = true\n}',
  },
  equivalents: {
    checkov: ['CKV_AWS_6'],
    cdkNag: [
      'AwsSolutions-OS2',
      'NIST.800.53.R5-OpenSearchNodeToNodeEncryption',
      'HIPAA.Security-OpenSearchNodeToNodeEncryption',
    ],
    cfnNag: ['W85'],
    prowler: ['opensearch_service_domains_node_to_node_encryption_enabled'],
    securityHub: ['OpenSearch.3', 'ES.3'],
  },
  evaluate(d, ctx) {
    return settle(
      decide(valuesAt(ctx, d, ['NodeToNodeEncryptionOptions', 'Enabled']), boolIs(true, false)),
      {
        pass: `Domain ${d.id} encrypts node-to-node traffic.`,
        fail: `Domain ${d.id} sends data between nodes unencrypted.`,
      },
      { path: d.properties.NodeToNodeEncryptionOptions ? ['NodeToNodeEncryptionOptions'] : [] },
    );
  },
};
