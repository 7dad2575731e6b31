import { blocks, clean, generic, one, shaped, tagList } from './convert.js';
import type { TfMapping } from './mapping.js';
import { policyOf } from './policy.js';
import { type Rec, setKey, str } from './records.js';

/** `log_publishing_options` blocks → CloudFormation's map keyed by log type. */
function logPublishing(v: unknown): Rec | undefined {
  const out: Rec = {};
  for (const b of blocks(v)) {
    const type = str(b.log_type);
    if (type)
      setKey(out, type, shaped(b, { CloudWatchLogsLogGroupArn: 'cloudwatch_log_group_arn', Enabled: 'enabled' }));
  }
  return Object.keys(out).length ? out : undefined;
}

/** OpenSearch Serverless policies are JSON strings in both Terraform and CloudFormation. */
const policyText = (v: unknown) => (typeof v === 'string' ? clean(v) : v === undefined || v === null ? undefined : v);

export const opensearchMappings: TfMapping[] = [
  {
    tf: 'aws_opensearch_domain',
    cfn: 'AWS::OpenSearchService::Domain',
    props: (r, plan) =>
      shaped(r.values, {
        DomainName: 'domain_name',
        EngineVersion: 'engine_version',
        ClusterConfig: (s) => clean(generic(blocks(s.cluster_config)[0], { lists: new Set(['node_options']) })),
        EBSOptions: one('ebs_options', {
          EBSEnabled: 'ebs_enabled',
          VolumeSize: 'volume_size',
          VolumeType: 'volume_type',
          Iops: 'iops',
          Throughput: 'throughput',
        }),
        EncryptionAtRestOptions: one('encrypt_at_rest', { Enabled: 'enabled', KmsKeyId: 'kms_key_id' }),
        NodeToNodeEncryptionOptions: one('node_to_node_encryption', { Enabled: 'enabled' }),
        DomainEndpointOptions: one('domain_endpoint_options', {
          EnforceHTTPS: 'enforce_https',
          TLSSecurityPolicy: 'tls_security_policy',
          CustomEndpointEnabled: 'custom_endpoint_enabled',
          CustomEndpoint: 'custom_endpoint',
          CustomEndpointCertificateArn: 'custom_endpoint_certificate_arn',
        }),
        VPCOptions: one('vpc_options', { SubnetIds: 'subnet_ids', SecurityGroupIds: 'security_group_ids' }),
        AdvancedSecurityOptions: one('advanced_security_options', {
          Enabled: 'enabled',
          InternalUserDatabaseEnabled: 'internal_user_database_enabled',
          AnonymousAuthEnabled: 'anonymous_auth_enabled',
        }),
        CognitoOptions: one('cognito_options', {
          Enabled: 'enabled',
          UserPoolId: 'user_pool_id',
          IdentityPoolId: 'identity_pool_id',
          RoleArn: 'role_arn',
        }),
        LogPublishingOptions: (s) => logPublishing(s.log_publishing_options),
        AccessPolicies: () => clean(policyOf(plan, r, 'access_policies')),
        AdvancedOptions: 'advanced_options',
        IPAddressType: 'ip_address_type',
        Tags: () => tagList(r.values),
      }),
  },
  {
    tf: 'aws_opensearch_domain_policy',
    merge: (r, plan) => {
      const domain = plan.link(r, 'domain_name', ['aws_opensearch_domain'], ['domain_name']);
      return domain ? [{ parent: domain, props: { AccessPolicies: policyOf(plan, r, 'access_policies') } }] : [];
    },
  },
  {
    tf: 'aws_opensearchserverless_security_policy',
    cfn: 'AWS::OpenSearchServerless::SecurityPolicy',
    props: (r) =>
      shaped(r.values, {
        Name: 'name',
        Type: 'type',
        Description: 'description',
        Policy: (s) => policyText(s.policy),
      }),
  },
  {
    tf: 'aws_opensearchserverless_access_policy',
    cfn: 'AWS::OpenSearchServerless::AccessPolicy',
    props: (r) =>
      shaped(r.values, {
        Name: 'name',
        Type: 'type',
        Description: 'description',
        Policy: (s) => policyText(s.policy),
      }),
  },
  {
    tf: 'aws_opensearchserverless_collection',
    cfn: 'AWS::OpenSearchServerless::Collection',
    props: (r) =>
      shaped(r.values, {
        Name: 'name',
        Type: 'type',
        Description: 'description',
        StandbyReplicas: 'standby_replicas',
        Tags: () => tagList(r.values),
      }),
  },
  {
    tf: 'aws_opensearchserverless_vpc_endpoint',
    cfn: 'AWS::OpenSearchServerless::VpcEndpoint',
    props: (r) =>
      shaped(r.values, {
        Name: 'name',
        VpcId: 'vpc_id',
        SubnetIds: 'subnet_ids',
        SecurityGroupIds: 'security_group_ids',
      }),
  },
];
