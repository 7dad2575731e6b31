import { blocks, clean, type Shape, shaped, tagList } from './convert.js';
import type { TfMapping } from './mapping.js';
import type { Rec } from './records.js';

/** The EBS settings Terraform writes flat on an instance's device blocks and CloudFormation nests under `Ebs`. */
const EBS: Shape = {
  Encrypted: 'encrypted',
  KmsKeyId: 'kms_key_id',
  SnapshotId: 'snapshot_id',
  VolumeSize: 'volume_size',
  VolumeType: 'volume_type',
  Iops: 'iops',
  DeleteOnTermination: 'delete_on_termination',
};

/** Launch templates also set throughput (an instance's own block device mappings cannot). */
const LAUNCH_TEMPLATE_EBS: Shape = { ...EBS, Throughput: 'throughput' };

const METADATA: Shape = {
  HttpTokens: 'http_tokens',
  HttpEndpoint: 'http_endpoint',
  HttpPutResponseHopLimit: 'http_put_response_hop_limit',
  InstanceMetadataTags: 'instance_metadata_tags',
};

/**
 * An optional block the provider also computes (metadata options, root device): when the code leaves it out, its
 * values are unknown and dropped, and an empty object must not read as "written on the resource" (that would hide
 * the launch template's settings from the rules).
 */
const optionalBlock = (v: unknown, shape: Shape) => clean(shaped(blocks(v)[0], shape));

/**
 * root_block_device and ebs_block_device → BlockDeviceMappings with an `Ebs` each. The root device's name is chosen
 * by the AMI and is only known after apply, so it may be missing.
 */
function instanceDevices(v: Rec): Rec[] | undefined {
  const devices = [...blocks(v.root_block_device), ...blocks(v.ebs_block_device)]
    .map((b) => ({ ...shaped(b, { DeviceName: 'device_name' }), Ebs: clean(shaped(b, EBS)) }))
    // A root block the code does not configure carries only computed values, all dropped: it declares nothing.
    .filter((m) => m.Ebs !== undefined);
  return devices.length ? devices : undefined;
}

/**
 * CloudFormation has no instance-level public IP switch: it is an attribute of the primary network interface. The
 * instance's subnet goes there too, since CloudFormation forbids SubnetId next to NetworkInterfaces. Interfaces
 * attached by id (network_interface blocks) are listed so rules see the instance does not pick its own subnet.
 */
function instanceInterfaces(v: Rec): Rec[] | undefined {
  const attached = blocks(v.network_interface).map((b) =>
    shaped(b, { DeviceIndex: (s) => clean(s.device_index), NetworkInterfaceId: 'network_interface_id' }),
  );
  if (attached.length) return attached;
  const associate = clean(v.associate_public_ip_address);
  if (associate === undefined) return undefined;
  return [shaped(v, { DeviceIndex: () => '0', AssociatePublicIpAddress: () => associate, SubnetId: 'subnet_id' })];
}

const LAUNCH_TEMPLATE_DEVICES = {
  DeviceName: 'device_name',
  NoDevice: 'no_device',
  VirtualName: 'virtual_name',
  Ebs: (s: Rec) => optionalBlock(s.ebs, LAUNCH_TEMPLATE_EBS),
};

const LAUNCH_TEMPLATE_INTERFACES: Shape = {
  DeviceIndex: 'device_index',
  // A string in aws_launch_template ("true" / "false" / ""), read by rules as a boolean.
  AssociatePublicIpAddress: 'associate_public_ip_address',
  SubnetId: 'subnet_id',
  NetworkInterfaceId: 'network_interface_id',
  Groups: 'security_groups',
  DeleteOnTermination: 'delete_on_termination',
};

export const ec2ComputeMappings: TfMapping[] = [
  {
    tf: 'aws_instance',
    cfn: 'AWS::EC2::Instance',
    props: (r) => {
      const v = r.values;
      const interfaces = instanceInterfaces(v);
      return shaped(v, {
        ImageId: 'ami',
        InstanceType: 'instance_type',
        SubnetId: (s) => (interfaces ? undefined : clean(s.subnet_id)),
        NetworkInterfaces: () => interfaces,
        SecurityGroupIds: 'vpc_security_group_ids',
        SecurityGroups: 'security_groups',
        IamInstanceProfile: 'iam_instance_profile',
        KeyName: 'key_name',
        Monitoring: 'monitoring',
        EbsOptimized: 'ebs_optimized',
        MetadataOptions: (s) => optionalBlock(s.metadata_options, METADATA),
        LaunchTemplate: (s) =>
          optionalBlock(s.launch_template, {
            LaunchTemplateId: 'id',
            LaunchTemplateName: 'name',
            Version: 'version',
          }),
        BlockDeviceMappings: instanceDevices,
        Tags: () => tagList(v),
      });
    },
  },
  {
    tf: 'aws_launch_template',
    cfn: 'AWS::EC2::LaunchTemplate',
    props: (r) => {
      const v = r.values;
      const data = shaped(v, {
        ImageId: 'image_id',
        InstanceType: 'instance_type',
        KeyName: 'key_name',
        SecurityGroupIds: 'vpc_security_group_ids',
        SecurityGroups: 'security_group_names',
        EbsOptimized: 'ebs_optimized',
        UserData: 'user_data',
        MetadataOptions: (s) => optionalBlock(s.metadata_options, METADATA),
        IamInstanceProfile: (s) => optionalBlock(s.iam_instance_profile, { Arn: 'arn', Name: 'name' }),
        NetworkInterfaces: (s) => clean(blocks(s.network_interfaces).map((b) => shaped(b, LAUNCH_TEMPLATE_INTERFACES))),
        BlockDeviceMappings: (s) =>
          clean(blocks(s.block_device_mappings).map((b) => shaped(b, LAUNCH_TEMPLATE_DEVICES))),
      });
      return shaped(v, {
        LaunchTemplateName: 'name',
        LaunchTemplateData: () => data,
        TagSpecifications: () => {
          const tags = tagList(v);
          return tags ? [{ ResourceType: 'launch-template', Tags: tags }] : undefined;
        },
      });
    },
  },
  {
    tf: 'aws_ebs_volume',
    cfn: 'AWS::EC2::Volume',
    props: (r) =>
      shaped(r.values, {
        AvailabilityZone: 'availability_zone',
        Encrypted: 'encrypted',
        KmsKeyId: 'kms_key_id',
        Size: 'size',
        SnapshotId: 'snapshot_id',
        VolumeType: 'type',
        Iops: 'iops',
        Throughput: 'throughput',
        MultiAttachEnabled: 'multi_attach_enabled',
        Tags: () => tagList(r.values),
      }),
  },
  {
    tf: 'aws_volume_attachment',
    cfn: 'AWS::EC2::VolumeAttachment',
    props: (r) => shaped(r.values, { Device: 'device_name', InstanceId: 'instance_id', VolumeId: 'volume_id' }),
  },
  {
    // An instance that uses an interface by id takes its security groups from it.
    tf: 'aws_network_interface',
    cfn: 'AWS::EC2::NetworkInterface',
    props: (r) =>
      shaped(r.values, {
        Description: 'description',
        SubnetId: 'subnet_id',
        GroupSet: 'security_groups',
        SourceDestCheck: 'source_dest_check',
        Tags: () => tagList(r.values),
      }),
  },
  {
    tf: 'aws_network_interface_attachment',
    cfn: 'AWS::EC2::NetworkInterfaceAttachment',
    props: (r) =>
      shaped(r.values, {
        InstanceId: 'instance_id',
        NetworkInterfaceId: 'network_interface_id',
        DeviceIndex: (s) => (typeof s.device_index === 'number' ? String(s.device_index) : clean(s.device_index)),
      }),
  },
];
