import { describe, expect, it } from 'vitest';
import { refTarget } from '../intrinsics.js';
import { ruleVerdicts as verdicts } from './rule-verdicts.js';
import { resourcesOf } from './test-fixtures.js';

const compute = resourcesOf('compute.plan.json');

describe('EC2 compute mapping', () => {
  it('maps an instance: type, metadata options, public IP on its primary interface, EBS devices', () => {
    const i = compute('aws_instance.gpu_direct');
    expect(i.type).toBe('AWS::EC2::Instance');
    expect(i.properties).toMatchObject({
      InstanceType: 'g6.xlarge',
      MetadataOptions: { HttpTokens: 'optional', HttpEndpoint: 'enabled' },
      NetworkInterfaces: [{ DeviceIndex: '0', AssociatePublicIpAddress: true }],
      BlockDeviceMappings: [
        { Ebs: { Encrypted: true, VolumeSize: 100 } },
        { DeviceName: '/dev/sdf', Ebs: { Encrypted: false, VolumeSize: 1000 } },
      ],
    });
    const [primary] = i.properties.NetworkInterfaces as Record<string, unknown>[];
    expect(refTarget(primary?.SubnetId)).toBe('aws_subnet.private');
    // CloudFormation forbids SubnetId next to NetworkInterfaces: the subnet moved onto the interface.
    expect(i.properties).not.toHaveProperty('SubnetId');
    const [root] = i.properties.BlockDeviceMappings as { Ebs: Record<string, unknown> }[];
    expect(refTarget(root?.Ebs.KmsKeyId)).toBe('aws_kms_key.ebs');
  });

  it('leaves out what the code does not configure, so the launch template decides', () => {
    const i = compute('aws_instance.from_secure');
    expect(Object.keys(i.properties).sort()).toEqual(['LaunchTemplate', 'SubnetId']);
    expect(i.properties.LaunchTemplate).toMatchObject({ Version: '$Latest' });
    expect(refTarget((i.properties.LaunchTemplate as Record<string, unknown>).LaunchTemplateId)).toBe(
      'aws_launch_template.gpu_secure',
    );
  });

  it('maps a launch template into LaunchTemplateData', () => {
    const lt = compute('aws_launch_template.gpu_secure');
    expect(lt.type).toBe('AWS::EC2::LaunchTemplate');
    expect(lt.properties).toMatchObject({
      LaunchTemplateName: 'gpu-secure',
      LaunchTemplateData: {
        InstanceType: 'g5.12xlarge',
        MetadataOptions: { HttpTokens: 'required', HttpPutResponseHopLimit: 2 },
        NetworkInterfaces: [{ DeviceIndex: 0, AssociatePublicIpAddress: 'false' }],
        BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { Encrypted: 'true', VolumeSize: 500 } }],
      },
      TagSpecifications: [{ ResourceType: 'launch-template', Tags: [{ Key: 'team', Value: 'ml' }] }],
    });
    expect(compute('aws_launch_template.gpu_loose').properties.LaunchTemplateData).not.toHaveProperty(
      'MetadataOptions',
    );
  });

  it('maps volumes and their attachments', () => {
    expect(compute('aws_ebs_volume.checkpoints')).toMatchObject({
      type: 'AWS::EC2::Volume',
      properties: { Encrypted: false, Size: 2000, VolumeType: 'gp3' },
    });
    const a = compute('aws_volume_attachment.checkpoints');
    expect(a.type).toBe('AWS::EC2::VolumeAttachment');
    expect(refTarget(a.properties.InstanceId)).toBe('aws_instance.gpu_hardened');
    expect(refTarget(a.properties.VolumeId)).toBe('aws_ebs_volume.checkpoints');
  });

  it('maps network interfaces and their attachments, with the groups and instances they name', () => {
    const eni = compute('aws_network_interface.gpu');
    expect(eni.type).toBe('AWS::EC2::NetworkInterface');
    expect(eni.refs).toContain('aws_security_group.gpu_eni');
    const a = compute('aws_network_interface_attachment.trainer');
    expect(a.type).toBe('AWS::EC2::NetworkInterfaceAttachment');
    expect(a.properties.DeviceIndex).toBe('1');
    expect(refTarget(a.properties.InstanceId)).toBe('aws_instance.gpu_hardened');
    expect(refTarget(a.properties.NetworkInterfaceId)).toBe('aws_network_interface.trainer');
    expect(compute('aws_instance.gpu_eni').refs).toContain('aws_network_interface.gpu');
  });
});

describe('security groups of accelerated hosts on a plan', () => {
  it('ec2-sg-no-public-ingress-ai-hosts follows interfaces to the instances that use or attach them', () =>
    expect(verdicts('compute.plan.json', 'ec2-sg-no-public-ingress-ai-hosts')).toEqual([
      'fail aws_security_group.gpu_eni',
      'fail aws_security_group.trainer_eni',
    ]));
});

describe('accelerated-host rules on a plan', () => {
  it('ec2-ai-host-imdsv2 follows launch templates and skips other families', () =>
    expect(verdicts('compute.plan.json', 'ec2-ai-host-imdsv2')).toEqual([
      'fail aws_instance.default_vpc',
      'fail aws_instance.from_loose',
      'fail aws_instance.gpu_direct',
      'fail aws_launch_template.gpu_loose',
      'pass aws_instance.from_secure',
      'pass aws_instance.gpu_eni',
      'pass aws_instance.gpu_hardened',
      'pass aws_launch_template.gpu_secure',
    ]));

  it('ec2-ai-host-no-public-ip reads interfaces, subnets, the default VPC and launch templates', () =>
    expect(verdicts('compute.plan.json', 'ec2-ai-host-no-public-ip')).toEqual([
      'fail aws_instance.default_vpc',
      'fail aws_instance.from_loose',
      'fail aws_instance.gpu_direct',
      'fail aws_launch_template.gpu_loose',
      'pass aws_instance.from_secure',
      'pass aws_instance.gpu_eni',
      'pass aws_instance.gpu_hardened', // associate_public_ip_address = false overrides the public subnet
      'pass aws_launch_template.gpu_secure',
    ]));

  it('ec2-ai-host-ebs-encrypted judges devices, launch template devices and attached volumes', () =>
    expect(verdicts('compute.plan.json', 'ec2-ai-host-ebs-encrypted')).toEqual([
      'fail aws_ebs_volume.checkpoints',
      'fail aws_instance.default_vpc',
      'fail aws_instance.from_loose',
      'fail aws_instance.gpu_direct',
      'fail aws_instance.gpu_eni',
      'fail aws_launch_template.gpu_loose',
      'pass aws_ebs_volume.scratch',
      'pass aws_instance.from_secure',
      'pass aws_instance.gpu_hardened',
      'pass aws_launch_template.gpu_secure',
    ]));
});
