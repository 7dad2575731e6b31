import { describe, expect, it } from 'vitest';
import { verdicts } from '../../test-helpers.js';
import { planVerdicts } from '../plan-test-helpers.js';
import { opensearchDomainAccessPolicyNotPublic } from './opensearch-domain-access-policy-not-public.js';
import { opensearchDomainZoneAwareness } from './opensearch-domain-zone-awareness.js';

const tpl = (resources: string) => `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n${resources}`;
const domain = (props: string, type = 'AWS::OpenSearchService::Domain') =>
  `    Type: ${type}\n    Properties:\n${props || '      EngineVersion: OpenSearch_2.13\n'}`;
const policy = (statement: string) => `      AccessPolicies:\n        Statement: [${statement}]\n`;

describe('opensearch-domain-access-policy-not-public', () => {
  const t = tpl(`  NamedRole:
${domain(policy('{ Effect: Allow, Principal: { AWS: arn:aws:iam::111122223333:role/app }, Action: "es:ESHttp*", Resource: "*" }'))}  Open:
${domain(policy('{ Effect: Allow, Principal: { AWS: "*" }, Action: "es:*", Resource: "*" }'))}  IpPinned:
${domain(policy('{ Effect: Allow, Principal: "*", Action: "es:ESHttpGet", Resource: "*", Condition: { IpAddress: { "aws:SourceIp": [10.0.0.0/8] } } }'))}  OpenWithFgac:
${domain(`${policy('{ Effect: Allow, Principal: { AWS: "*" }, Action: "es:ESHttp*", Resource: "*" }')}      AdvancedSecurityOptions: { Enabled: true, InternalUserDatabaseEnabled: true }\n`)}  OpenWithAnonymous:
${domain(`${policy('{ Effect: Allow, Principal: { AWS: "*" }, Action: "es:ESHttp*", Resource: "*" }')}      AdvancedSecurityOptions: { Enabled: true, AnonymousAuthEnabled: true }\n`)}  DenyAll:
${domain(policy('{ Effect: Deny, Principal: "*", Action: "es:*", Resource: "*" }'))}  NoPolicy:
${domain('')}  LegacyJsonString:
${domain(`      AccessPolicies: '{"Statement":[{"Effect":"Allow","Principal":"*","Action":"es:*","Resource":"*"}]}'\n`, 'AWS::Elasticsearch::Domain')}`);
  it('fails grants to everyone unless pinned by a condition or behind fine-grained access control', () =>
    expect(verdicts(t, opensearchDomainAccessPolicyNotPublic)).toEqual([
      'pass NamedRole',
      'fail Open',
      'pass IpPinned',
      'pass OpenWithFgac',
      'fail OpenWithAnonymous',
      'pass DenyAll',
      'pass NoPolicy',
      'fail LegacyJsonString',
    ]));
  it('reads access_policies from Terraform plans', () =>
    expect(
      planVerdicts(
        [
          {
            address: 'aws_opensearch_domain.open',
            values: {
              domain_name: 'open',
              access_policies: JSON.stringify({
                Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'es:*', Resource: '*' }],
              }),
            },
          },
          { address: 'aws_opensearch_domain.closed', values: { domain_name: 'closed' } },
        ],
        opensearchDomainAccessPolicyNotPublic,
      ),
    ).toEqual(['fail aws_opensearch_domain.open', 'pass aws_opensearch_domain.closed']));
});

describe('opensearch-domain-zone-awareness', () => {
  const t = tpl(`  ThreeZones:
${domain('      ClusterConfig: { InstanceCount: 3, ZoneAwarenessEnabled: true, ZoneAwarenessConfig: { AvailabilityZoneCount: 3 } }\n')}  SingleZone:
${domain('      ClusterConfig: { InstanceCount: 2, ZoneAwarenessEnabled: false }\n')}  Defaults:
${domain('')}  LegacyAware:
${domain('      ElasticsearchClusterConfig: { InstanceCount: 2, ZoneAwarenessEnabled: "true" }\n', 'AWS::Elasticsearch::Domain')}  LegacyWrongKey:
${domain('      ClusterConfig: { ZoneAwarenessEnabled: true }\n', 'AWS::Elasticsearch::Domain')}`);
  it('requires zone awareness, reading the cluster config key of each domain type', () =>
    expect(verdicts(t, opensearchDomainZoneAwareness)).toEqual([
      'pass ThreeZones',
      'fail SingleZone',
      'fail Defaults',
      'pass LegacyAware',
      'fail LegacyWrongKey',
    ]));
  it('reads zone_awareness_enabled from Terraform plans', () =>
    expect(
      planVerdicts(
        [
          {
            address: 'aws_opensearch_domain.ha',
            values: { domain_name: 'ha', cluster_config: [{ instance_count: 2, zone_awareness_enabled: true }] },
          },
          {
            address: 'aws_opensearch_domain.single',
            values: { domain_name: 'single', cluster_config: [{ instance_count: 1 }] },
          },
        ],
        opensearchDomainZoneAwareness,
      ),
    ).toEqual(['pass aws_opensearch_domain.ha', 'fail aws_opensearch_domain.single']));
});
