import { describe, expect, it } from 'vitest';
import { dig } from '../../values.js';
import { refTarget } from '../intrinsics.js';
import { resourcesOf } from './test-fixtures.js';

describe('OpenSearch mapping', () => {
  const br = resourcesOf('bedrock.plan.json');

  it('keeps serverless security policies as JSON text, as CloudFormation does', () => {
    const enc = br('aws_opensearchserverless_security_policy.kb_encryption');
    expect(enc.type).toBe('AWS::OpenSearchServerless::SecurityPolicy');
    expect(enc.properties.Type).toBe('encryption');
    expect(JSON.parse(enc.properties.Policy as string)).toMatchObject({
      AWSOwnedKey: false,
      KmsARN: expect.any(String),
    });
    const net = br('aws_opensearchserverless_security_policy.kb_network');
    expect(JSON.parse(net.properties.Policy as string)[0].AllowFromPublic).toBe(true);
    expect(br('aws_opensearchserverless_access_policy.kb_data').type).toBe('AWS::OpenSearchServerless::AccessPolicy');
  });

  it('maps a collection and keeps its depends_on edges to the policies', () => {
    const c = br('aws_opensearchserverless_collection.kb');
    expect(c.type).toBe('AWS::OpenSearchServerless::Collection');
    expect(c.properties).toMatchObject({ Name: 'kb-vectors', Type: 'VECTORSEARCH' });
    expect(br('aws_opensearchserverless_vpc_endpoint.kb')).toMatchObject({
      type: 'AWS::OpenSearchServerless::VpcEndpoint',
      properties: { VpcId: 'vpc-0abc', SubnetIds: ['subnet-0abc', 'subnet-0def'] },
    });
    expect(c.dependsOn).toEqual([
      'aws_opensearchserverless_security_policy.kb_encryption',
      'aws_opensearchserverless_security_policy.kb_network',
    ]);
  });

  it('maps a managed domain: encryption, TLS, logging, access policy', () => {
    const d = resourcesOf('data.plan.json')('aws_opensearch_domain.search');
    expect(d.type).toBe('AWS::OpenSearchService::Domain');
    expect(dig(d.properties, ['EncryptionAtRestOptions', 'Enabled'])).toBe(true);
    expect(refTarget(dig(d.properties, ['EncryptionAtRestOptions', 'KmsKeyId']))).toBe('aws_kms_key.data');
    expect(d.properties.NodeToNodeEncryptionOptions).toEqual({ Enabled: true });
    expect(d.properties.DomainEndpointOptions).toEqual({
      EnforceHTTPS: true,
      TLSSecurityPolicy: 'Policy-Min-TLS-1-2-2019-07',
      CustomEndpointEnabled: false,
    });
    expect(dig(d.properties, ['LogPublishingOptions', 'AUDIT_LOGS', 'Enabled'])).toBe(true);
    // aws_opensearch_domain_policy replaces the domain's inline access policy.
    expect(dig(d.properties, ['AccessPolicies', 'Statement', 0, 'Principal'])).toEqual({
      AWS: 'arn:aws:iam::111122223333:role/search',
    });
    expect(d.metadata.terraform).toMatchObject({ mergedFrom: ['aws_opensearch_domain_policy.search'] });
    expect(dig(d.properties, ['ClusterConfig', 'ZoneAwarenessConfig', 'AvailabilityZoneCount'])).toBe(3);
    expect(d.properties).not.toHaveProperty('VPCOptions');
  });
});
