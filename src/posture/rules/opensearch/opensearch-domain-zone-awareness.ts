import type { ResourceRule } from '../../rule.js';
import { boolIs, decide, settle, valuesAt } from '../deploy-values.js';
import { DOMAIN_TYPES } from './domain-types.js';

export const opensearchDomainZoneAwareness: ResourceRule = {
  kind: 'resource',
  id: 'opensearch-domain-zone-awareness',
  title: 'OpenSearch domain spreads its nodes across Availability Zones',
  severity: 'low',
  resourceTypes: DOMAIN_TYPES,
  controls: ['infra-multi-az-resilience'],
  description:
    'ClusterConfig.ZoneAwarenessEnabled (ElasticsearchClusterConfig for AWS::Elasticsearch::Domain) is true, so data nodes and replica shards sit in two or three zones and the vector index behind a RAG application survives the loss of one. A domain left at the defaults runs one node in one zone.',
  remediation: {
    text: 'Enable zone awareness with two or three zones, an even number of data nodes and at least one replica per index.',
    cloudformation:
      'ClusterConfig:\n  InstanceCount: 3\n  ZoneAwarenessEnabled: true\n  ZoneAwarenessConfig:\n    AvailabilityZoneCount: 3',
    terraform:
      'cluster_config {\n  instance_count         = 3\n  zone_awareness_enabled = true\n  zone_awareness_config {\n    availability_zone_count = 3\n  }\n}',
  },
  equivalents: { cdkNag: ['AwsSolutions-OS7'] },
  evaluate(d, ctx) {
    const config = d.type === 'AWS::Elasticsearch::Domain' ? 'ElasticsearchClusterConfig' : 'ClusterConfig';
    return settle(
      decide(valuesAt(ctx, d, [config, 'ZoneAwarenessEnabled']), boolIs(true, false)),
      {
        pass: `Domain ${d.id} spreads its nodes across Availability Zones.`,
        fail: `Domain ${d.id} runs in a single Availability Zone (ZoneAwarenessEnabled is not true).`,
      },
      { path: d.properties[config] === undefined ? [] : [config] },
    );
  },
};
