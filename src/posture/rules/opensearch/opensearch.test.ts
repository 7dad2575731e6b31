import { describe, expect, it } from 'vitest';
import { runRules, verdicts } from '../../test-helpers.js';
import { opensearchDomainAuditLogging } from './opensearch-domain-audit-logging.js';
import { opensearchDomainCmk } from './opensearch-domain-cmk.js';
import { opensearchDomainEncryptionAtRest } from './opensearch-domain-encryption-at-rest.js';
import { opensearchDomainHttpsTls12 } from './opensearch-domain-https-tls12.js';
import { opensearchDomainInVpc } from './opensearch-domain-in-vpc.js';
import { opensearchDomainNodeToNode } from './opensearch-domain-node-to-node.js';

const tpl = (resources: string) => `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n${resources}`;

const t = tpl(`  Hardened:
    Type: AWS::OpenSearchService::Domain
    Properties:
      EncryptionAtRestOptions: { Enabled: true, KmsKeyId: !Ref SearchKey }
      NodeToNodeEncryptionOptions: { Enabled: true }
      DomainEndpointOptions: { EnforceHTTPS: true, TLSSecurityPolicy: Policy-Min-TLS-1-2-PFS-2023-10 }
      VPCOptions: { SubnetIds: [!Ref SubnetA], SecurityGroupIds: [!Ref Sg] }
      LogPublishingOptions:
        AUDIT_LOGS: { Enabled: true, CloudWatchLogsLogGroupArn: !GetAtt Audit.Arn }
  AwsKey:
    Type: AWS::OpenSearchService::Domain
    Properties:
      EncryptionAtRestOptions: { Enabled: "true" }
      NodeToNodeEncryptionOptions: { Enabled: "true" }
      DomainEndpointOptions: { EnforceHTTPS: true }
      AccessPolicies:
        Statement: [{ Effect: Allow, Principal: { AWS: arn:aws:iam::111122223333:role/app }, Action: "es:ESHttp*", Resource: "*" }]
      LogPublishingOptions:
        AUDIT_LOGS: { Enabled: false, CloudWatchLogsLogGroupArn: x }
  Bare:
    Type: AWS::OpenSearchService::Domain
  LegacyOpen:
    Type: AWS::Elasticsearch::Domain
    Properties:
      EncryptionAtRestOptions: { Enabled: false }
      NodeToNodeEncryptionOptions: { Enabled: false }
      DomainEndpointOptions: { EnforceHTTPS: false, TLSSecurityPolicy: Policy-Min-TLS-1-0-2019-07 }
      AccessPolicies:
        Statement: [{ Effect: Allow, Principal: { AWS: "*" }, Action: "es:*", Resource: "*" }]
`);

describe('OpenSearch domain rules', () => {
  it('opensearch-domain-encryption-at-rest', () =>
    expect(verdicts(t, opensearchDomainEncryptionAtRest)).toEqual([
      'pass Hardened',
      'pass AwsKey',
      'fail Bare',
      'fail LegacyOpen',
    ]));
  it('opensearch-domain-cmk', () =>
    expect(verdicts(t, opensearchDomainCmk)).toEqual(['pass Hardened', 'fail AwsKey', 'fail Bare', 'fail LegacyOpen']));
  it('opensearch-domain-node-to-node', () =>
    expect(verdicts(t, opensearchDomainNodeToNode)).toEqual([
      'pass Hardened',
      'pass AwsKey',
      'fail Bare',
      'fail LegacyOpen',
    ]));
  it('opensearch-domain-https-tls12 requires both HTTPS and a TLS 1.2 policy', () => {
    expect(verdicts(t, opensearchDomainHttpsTls12)).toEqual([
      'pass Hardened',
      'fail AwsKey',
      'fail Bare',
      'fail LegacyOpen',
    ]);
    const f = runRules(t, [opensearchDomainHttpsTls12]);
    expect(f[1]?.message).toBe('Domain AwsKey allows TLS versions before 1.2.');
    expect(f[3]?.message).toBe('Domain LegacyOpen does not enforce HTTPS and allows TLS versions before 1.2.');
  });
  it('opensearch-domain-in-vpc says when the access policy is open too', () => {
    expect(verdicts(t, opensearchDomainInVpc)).toEqual([
      'pass Hardened',
      'fail AwsKey',
      'fail Bare',
      'fail LegacyOpen',
    ]);
    const f = runRules(t, [opensearchDomainInVpc]);
    expect(f[1]?.message).toBe('Domain AwsKey has a public endpoint.');
    expect(f[2]?.message).toMatch(/no access policy/);
    expect(f[3]?.message).toMatch(/access policy allows anyone/);
  });
  it('opensearch-domain-audit-logging', () =>
    expect(verdicts(t, opensearchDomainAuditLogging)).toEqual([
      'pass Hardened',
      'fail AwsKey',
      'fail Bare',
      'fail LegacyOpen',
    ]));
});
