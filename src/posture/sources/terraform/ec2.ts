import { clean, shaped, tagList } from './convert.js';
import type { Contribution, TfMapping } from './mapping.js';
import type { Plan, TfResource } from './plan.js';
import { policyOf } from './policy.js';
import { isRec, list, type Rec, setKey } from './records.js';
import { refIntrinsic } from './substitute.js';

const GROUP = ['aws_security_group', 'aws_default_security_group'];

/** Terraform's "all protocols" is `-1` or `all`; CloudFormation's is `-1`. */
const protocol = (p: unknown) => (p === 'all' ? '-1' : typeof p === 'number' ? String(p) : clean(p));

/**
 * One Terraform rule names many sources (cidr_blocks, ipv6_cidr_blocks, security_groups…); CloudFormation has one
 * source per rule entry, so a Terraform rule becomes one entry per source.
 */
function ruleEntries(rule: Rec, direction: 'ingress' | 'egress', self?: unknown): Rec[] {
  const base = shaped(rule, {
    IpProtocol: (s) => protocol(s.protocol ?? s.ip_protocol),
    FromPort: 'from_port',
    ToPort: 'to_port',
    Description: 'description',
  });
  const sgKey = direction === 'ingress' ? 'SourceSecurityGroupId' : 'DestinationSecurityGroupId';
  const plKey = direction === 'ingress' ? 'SourcePrefixListId' : 'DestinationPrefixListId';
  const sources: [string, unknown][] = [
    ...list(rule.cidr_blocks).map((c): [string, unknown] => ['CidrIp', c]),
    ...list(rule.ipv6_cidr_blocks).map((c): [string, unknown] => ['CidrIpv6', c]),
    ...list(rule.prefix_list_ids).map((c): [string, unknown] => [plKey, c]),
    ...list(rule.security_groups).map((c): [string, unknown] => [sgKey, c]),
    // The split rule resources name one source each.
    ['CidrIp', rule.cidr_ipv4],
    ['CidrIpv6', rule.cidr_ipv6],
    [plKey, rule.prefix_list_id],
    [sgKey, rule.source_security_group_id ?? rule.referenced_security_group_id],
  ];
  if (rule.self === true && self !== undefined) sources.push([sgKey, self]);
  const entries = sources
    .filter(([, v]) => clean(v) !== undefined)
    .map(([k, v]) => {
      const e = { ...base };
      setKey(e, k, v);
      return e;
    });
  return entries.length ? entries : [base];
}

const groupRules = (v: unknown, direction: 'ingress' | 'egress', self: unknown) =>
  clean(
    list(v)
      .filter(isRec)
      .flatMap((rule) => ruleEntries(rule, direction, self)),
  );

/** Split rules (`aws_security_group_rule`, `aws_vpc_security_group_{ingress,egress}_rule`) join their group. */
function splitRule(tf: string, direction: (r: TfResource) => unknown): TfMapping {
  const key = (r: TfResource) => (direction(r) === 'egress' ? 'SecurityGroupEgress' : 'SecurityGroupIngress');
  const dir = (r: TfResource) => (direction(r) === 'egress' ? 'egress' : 'ingress');
  return {
    tf,
    cfn: (r) => (dir(r) === 'egress' ? 'AWS::EC2::SecurityGroupEgress' : 'AWS::EC2::SecurityGroupIngress'),
    props: (r) => ({ GroupId: clean(r.values.security_group_id), ...ruleEntries(r.values, dir(r))[0] }),
    merge: (r, plan: Plan): Contribution[] => {
      const group = plan.link(r, 'security_group_id', GROUP, ['id']);
      if (!group) return [];
      const self = refIntrinsic({ address: group.address });
      return [{ parent: group, props: { [key(r)]: ruleEntries(r.values, dir(r), self) } }];
    },
  };
}

/** A security group's properties: the group's own and `aws_default_security_group` (a VPC's default group) alike. */
function groupProps(r: TfResource): Rec {
  const self = refIntrinsic({ address: r.address });
  return shaped(r.values, {
    GroupName: 'name',
    GroupDescription: 'description',
    VpcId: 'vpc_id',
    SecurityGroupIngress: (s) => groupRules(s.ingress, 'ingress', self),
    SecurityGroupEgress: (s) => groupRules(s.egress, 'egress', self),
    Tags: () => tagList(r.values),
  });
}

export const ec2Mappings: TfMapping[] = [
  { tf: 'aws_security_group', cfn: 'AWS::EC2::SecurityGroup', props: groupProps },
  // Terraform adopts the VPC's default group and replaces its rules with the ones declared (none: it is closed);
  // its rules are a security group's rules like any other (`sourceType` tells the two apart).
  { tf: 'aws_default_security_group', cfn: 'AWS::EC2::SecurityGroup', props: groupProps },
  splitRule('aws_security_group_rule', (r) => r.values.type),
  splitRule('aws_vpc_security_group_ingress_rule', () => 'ingress'),
  splitRule('aws_vpc_security_group_egress_rule', () => 'egress'),
  {
    tf: 'aws_vpc_endpoint',
    cfn: 'AWS::EC2::VPCEndpoint',
    props: (r, plan) =>
      shaped(r.values, {
        ServiceName: 'service_name',
        VpcId: 'vpc_id',
        VpcEndpointType: 'vpc_endpoint_type',
        PrivateDnsEnabled: 'private_dns_enabled',
        PolicyDocument: () => clean(policyOf(plan, r, 'policy')),
        RouteTableIds: 'route_table_ids',
        SubnetIds: 'subnet_ids',
        SecurityGroupIds: 'security_group_ids',
        IpAddressType: 'ip_address_type',
        Tags: () => tagList(r.values),
      }),
  },
  {
    tf: 'aws_vpc',
    cfn: 'AWS::EC2::VPC',
    props: (r) =>
      shaped(r.values, {
        CidrBlock: 'cidr_block',
        EnableDnsHostnames: 'enable_dns_hostnames',
        EnableDnsSupport: 'enable_dns_support',
        InstanceTenancy: 'instance_tenancy',
        Tags: () => tagList(r.values),
      }),
  },
  {
    tf: 'aws_subnet',
    cfn: 'AWS::EC2::Subnet',
    props: (r) =>
      shaped(r.values, {
        VpcId: 'vpc_id',
        CidrBlock: 'cidr_block',
        AvailabilityZone: 'availability_zone',
        MapPublicIpOnLaunch: 'map_public_ip_on_launch',
        Tags: () => tagList(r.values),
      }),
  },
  {
    tf: 'aws_flow_log',
    cfn: 'AWS::EC2::FlowLog',
    props: (r) =>
      shaped(r.values, {
        ResourceId: (s) => clean(s.vpc_id) ?? clean(s.subnet_id) ?? clean(s.eni_id) ?? clean(s.transit_gateway_id),
        ResourceType: (s) =>
          clean(s.vpc_id) !== undefined
            ? 'VPC'
            : clean(s.subnet_id) !== undefined
              ? 'Subnet'
              : clean(s.eni_id) !== undefined
                ? 'NetworkInterface'
                : undefined,
        TrafficType: 'traffic_type',
        LogDestination: 'log_destination',
        LogDestinationType: 'log_destination_type',
        LogGroupName: 'log_group_name',
        DeliverLogsPermissionArn: 'iam_role_arn',
        MaxAggregationInterval: 'max_aggregation_interval',
        Tags: () => tagList(r.values),
      }),
  },
];
