import { describe, expect, it } from 'vitest';
import { refTarget } from '../intrinsics.js';
import { resourcesOf } from './test-fixtures.js';

describe('EC2 networking mapping', () => {
  const net = resourcesOf('network.plan.json');

  it('writes one CloudFormation rule per source, and folds the split rule resources into their group', () => {
    const sg = net('aws_security_group.model_host');
    expect(sg.type).toBe('AWS::EC2::SecurityGroup');
    const ingress = sg.properties.SecurityGroupIngress as Record<string, unknown>[];
    expect(ingress.map((r) => [r.FromPort, r.CidrIp ?? r.CidrIpv6 ?? refTarget(r.SourceSecurityGroupId)])).toEqual([
      [22, '0.0.0.0/0'],
      [22, '::/0'],
      [0, 'aws_security_group.model_host'],
      [443, '0.0.0.0/0'],
      [8080, '10.0.0.0/16'],
    ]);
    expect(ingress[2]?.IpProtocol).toBe('-1');
    expect(sg.properties.SecurityGroupEgress).toEqual([
      { IpProtocol: '-1', FromPort: 0, ToPort: 0, CidrIp: '0.0.0.0/0' },
    ]);
    // Findings about a merged rule point at the rule resource, not the group.
    expect(sg.positionOf(['SecurityGroupIngress', 3]).line).toBeGreaterThan(sg.position.line);
    expect(sg.positionOf(['SecurityGroupIngress', 0])).toEqual(sg.position);
  });

  it('keeps a rule whose group is not in the plan as a standalone ingress/egress resource', () => {
    const r = net('aws_vpc_security_group_egress_rule.orphan');
    expect(r.type).toBe('AWS::EC2::SecurityGroupEgress');
    expect(r.properties).toEqual({ GroupId: 'sg-0123456789abcdef0', IpProtocol: '-1', CidrIp: '0.0.0.0/0' });
  });

  it('maps interface and gateway VPC endpoints', () => {
    const bedrock = net('aws_vpc_endpoint.bedrock_runtime');
    expect(bedrock.type).toBe('AWS::EC2::VPCEndpoint');
    expect(bedrock.properties).toMatchObject({
      ServiceName: 'com.amazonaws.eu-west-1.bedrock-runtime',
      VpcEndpointType: 'Interface',
      PrivateDnsEnabled: true,
    });
    expect(refTarget(bedrock.properties.VpcId)).toBe('aws_vpc.main');
    const s3 = net('aws_vpc_endpoint.s3');
    expect(s3.properties.VpcEndpointType).toBe('Gateway');
    expect(s3.properties.PolicyDocument).toMatchObject({ Statement: [{ Principal: '*', Action: 's3:GetObject' }] });
  });

  it('maps VPCs and subnets', () => {
    expect(net('aws_vpc.main')).toMatchObject({ type: 'AWS::EC2::VPC', properties: { CidrBlock: '10.0.0.0/16' } });
    const subnet = resourcesOf('secure.plan.json')('aws_subnet.private');
    expect(subnet).toMatchObject({ type: 'AWS::EC2::Subnet', properties: { MapPublicIpOnLaunch: false } });
    expect(refTarget(subnet.properties.VpcId)).toBe('aws_vpc.main');
  });

  it("maps a VPC's default security group as a security group that keeps its Terraform type", () => {
    const sg = net('aws_default_security_group.main');
    expect(sg).toMatchObject({ type: 'AWS::EC2::SecurityGroup', sourceType: 'aws_default_security_group' });
    expect(sg.properties.SecurityGroupIngress).toBeUndefined();
    expect(sg.properties.SecurityGroupEgress).toBeUndefined();
    expect(sg.refs).toContain('aws_vpc.main');
  });

  it('maps VPC flow logs to their VPC', () => {
    const f = net('aws_flow_log.main');
    expect(f.type).toBe('AWS::EC2::FlowLog');
    expect(f.properties).toMatchObject({ ResourceType: 'VPC', TrafficType: 'ALL' });
    expect(refTarget(f.properties.ResourceId)).toBe('aws_vpc.main');
  });
});
