import { describe, expect, it } from 'vitest';
import { runRules, verdicts } from '../../test-helpers.js';
import { ec2AiHostEbsEncrypted } from './ec2-ai-host-ebs-encrypted.js';
import { ec2AiHostImdsv2 } from './ec2-ai-host-imdsv2.js';
import { ec2AiHostNoPublicIp } from './ec2-ai-host-no-public-ip.js';

const tpl = (resources: string, extra = '') =>
  `AWSTemplateFormatVersion: "2010-09-09"\n${extra}Resources:\n${resources}`;
const instance = (props: string) => `    Type: AWS::EC2::Instance\n    Properties: { ImageId: ami-1, ${props} }\n`;
const template = (data: string) =>
  `    Type: AWS::EC2::LaunchTemplate\n    Properties: { LaunchTemplateData: { ${data} } }\n`;

describe('ec2-ai-host-imdsv2', () => {
  const t = tpl(
    `  Required:
${instance('InstanceType: g5.xlarge, MetadataOptions: { HttpTokens: required }')}  Optional:
${instance('InstanceType: p4d.24xlarge, MetadataOptions: { HttpTokens: optional }')}  Unset:
${instance('InstanceType: inf2.xlarge')}  EndpointOff:
${instance('InstanceType: trn1.2xlarge, MetadataOptions: { HttpEndpoint: disabled }')}  WebServer:
${instance('InstanceType: t3.micro')}  FromParam:
${instance('InstanceType: !Ref GpuType')}  ViaTemplate:
${instance('LaunchTemplate: { LaunchTemplateId: !Ref SecureGpu, Version: "1" }')}  ViaLooseTemplate:
${instance('LaunchTemplate: { LaunchTemplateId: !Ref LooseGpu, Version: "1" }')}  OverridesTemplate:
${instance('MetadataOptions: { HttpTokens: optional }, LaunchTemplate: { LaunchTemplateId: !Ref SecureGpu, Version: "1" }')}  ExternalTemplate:
${instance('InstanceType: g6.xlarge, LaunchTemplate: { LaunchTemplateId: lt-0abc, Version: "1" }')}  ProdOnly:
${instance('InstanceType: g5.xlarge, MetadataOptions: { HttpTokens: !If [Prod, required, optional] }')}  FromDeployParam:
${instance('InstanceType: g5.xlarge, MetadataOptions: { HttpTokens: !Ref Tokens }')}  SecureGpu:
${template('InstanceType: g5.12xlarge, MetadataOptions: { HttpTokens: required }')}  LooseGpu:
${template('InstanceType: dl1.24xlarge')}  CpuTemplate:
${template('InstanceType: m7i.large')}`,
    'Parameters:\n  GpuType: { Type: String, Default: p5.48xlarge }\n  Tokens: { Type: String }\nConditions:\n  Prod: !Equals [!Ref AWS::Region, us-east-1]\n',
  );
  it('judges accelerated instances and launch templates only, following launch templates and parameters', () =>
    expect(verdicts(t, ec2AiHostImdsv2)).toEqual([
      'pass Required',
      'fail Optional',
      'fail Unset',
      'pass EndpointOff',
      'fail FromParam',
      'pass ViaTemplate',
      'fail ViaLooseTemplate',
      'fail OverridesTemplate',
      'skip ExternalTemplate',
      'fail ProdOnly', // the engine judges each outcome of the condition: outside Prod, IMDSv1 stays on
      'skip FromDeployParam',
      'pass SecureGpu',
      'fail LooseGpu',
    ]));
  it('points the finding at the metadata options when they are written, else at the resource', () => {
    const two = tpl(
      `  Gpu:\n    Type: AWS::EC2::Instance\n    Properties:\n      InstanceType: g5.xlarge\n      MetadataOptions:\n        HttpTokens: optional\n  Bare:\n${instance('InstanceType: g5.xlarge')}`,
    );
    expect(runRules(two, [ec2AiHostImdsv2]).map((f) => `${f.status} ${f.resource.id}:${f.resource.line}`)).toEqual([
      'fail Gpu:7',
      'fail Bare:11', // the resource's Properties line
    ]);
  });
});

describe('ec2-ai-host-no-public-ip', () => {
  const t = tpl(`  Private:
${instance('InstanceType: g5.xlarge, SubnetId: !Ref PrivateSubnet')}  PublicInterface:
${instance('InstanceType: g5.xlarge, NetworkInterfaces: [{ DeviceIndex: "0", SubnetId: !Ref PrivateSubnet, AssociatePublicIpAddress: true }]')}  InPublicSubnet:
${instance('InstanceType: p5.48xlarge, SubnetId: !Ref PublicSubnet')}  OverridesSubnet:
${instance('InstanceType: p5.48xlarge, NetworkInterfaces: [{ DeviceIndex: "0", SubnetId: !Ref PublicSubnet, AssociatePublicIpAddress: "false" }]')}  InterfaceInPublicSubnet:
${instance('InstanceType: p5.48xlarge, NetworkInterfaces: [{ DeviceIndex: "0", SubnetId: !Ref PublicSubnet }]')}  CpuInPublicSubnet:
${instance('InstanceType: c7i.large, SubnetId: !Ref PublicSubnet')}  DefaultVpc:
${instance('InstanceType: g6e.xlarge')}  ViaPublicTemplate:
${instance('LaunchTemplate: { LaunchTemplateName: !Ref PublicGpu, Version: "1" }')}  PublicGpu:
${template('InstanceType: inf2.xlarge, NetworkInterfaces: [{ DeviceIndex: 0, AssociatePublicIpAddress: true }]')}  PrivateGpu:
${template('InstanceType: trn1.32xlarge, NetworkInterfaces: [{ DeviceIndex: 0, AssociatePublicIpAddress: false }]')}  PrivateSubnet:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: vpc-1, CidrBlock: 10.0.0.0/24 }
  PublicSubnet:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: vpc-1, CidrBlock: 10.0.1.0/24, MapPublicIpOnLaunch: true }
`);
  it('fails public addresses from interfaces, subnets and launch templates of accelerated hosts', () =>
    expect(verdicts(t, ec2AiHostNoPublicIp)).toEqual([
      'pass Private',
      'fail PublicInterface',
      'fail InPublicSubnet',
      'pass OverridesSubnet',
      'fail InterfaceInPublicSubnet',
      'fail DefaultVpc',
      'fail ViaPublicTemplate',
      'fail PublicGpu',
      'pass PrivateGpu',
    ]));
});

describe('ec2-ai-host-ebs-encrypted', () => {
  const ebs = (flags: string) => `BlockDeviceMappings: [{ DeviceName: /dev/xvda, Ebs: { VolumeSize: 500${flags} } }]`;
  const t = tpl(`  Encrypted:
${instance(`InstanceType: g5.xlarge, ${ebs(', Encrypted: true')}`)}  Plain:
${instance(`InstanceType: g5.xlarge, ${ebs('')}`)}  FromSnapshot:
${instance(`InstanceType: g5.xlarge, ${ebs(', SnapshotId: snap-1')}`)}  NoMappings:
${instance('InstanceType: p4d.24xlarge')}  ViaTemplate:
${instance('LaunchTemplate: { LaunchTemplateId: !Ref PlainGpu, Version: "1" }')}  External:
${instance('InstanceType: g5.xlarge, LaunchTemplate: { LaunchTemplateId: lt-0abc, Version: "1" }')}  Cpu:
${instance(`InstanceType: m7i.large, ${ebs('')}`)}  PlainGpu:
${template(`InstanceType: trn1.2xlarge, ${ebs(', Encrypted: false')}`)}  Data:
    Type: AWS::EC2::Volume
    Properties: { AvailabilityZone: us-east-1a, Size: 2000 }
  Attach:
    Type: AWS::EC2::VolumeAttachment
    Properties: { InstanceId: !Ref Encrypted, VolumeId: !Ref Data, Device: /dev/sdf }
  CpuData:
    Type: AWS::EC2::Volume
    Properties: { AvailabilityZone: us-east-1a, Size: 10 }
  CpuAttach:
    Type: AWS::EC2::VolumeAttachment
    Properties: { InstanceId: !Ref Cpu, VolumeId: !Ref CpuData, Device: /dev/sdf }
`);
  it('requires encrypted block devices and attached volumes on accelerated hosts only', () =>
    expect(verdicts(t, ec2AiHostEbsEncrypted)).toEqual([
      'pass Encrypted',
      'fail Plain',
      'pass FromSnapshot',
      'fail NoMappings',
      'fail ViaTemplate',
      'skip External',
      'fail PlainGpu',
      'fail Data',
    ]));
});
