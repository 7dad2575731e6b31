import { block, clean, shaped, tagList } from './convert.js';
import type { TfMapping } from './mapping.js';

const FILE_SYSTEM = ['aws_efs_file_system'];

export const efsMappings: TfMapping[] = [
  {
    tf: 'aws_efs_file_system',
    cfn: 'AWS::EFS::FileSystem',
    props: (r) =>
      shaped(r.values, {
        Encrypted: 'encrypted',
        KmsKeyId: 'kms_key_id',
        PerformanceMode: 'performance_mode',
        ThroughputMode: 'throughput_mode',
        ProvisionedThroughputInMibps: 'provisioned_throughput_in_mibps',
        AvailabilityZoneName: 'availability_zone_name',
        // EFS spells its tags FileSystemTags.
        FileSystemTags: () => tagList(r.values),
      }),
  },
  {
    tf: 'aws_efs_backup_policy',
    merge: (r, plan) => {
      const fs = plan.link(r, 'file_system_id', FILE_SYSTEM, ['id']);
      const status = clean(block(r.values.backup_policy)?.status);
      return fs && status !== undefined ? [{ parent: fs, props: { BackupPolicy: { Status: status } } }] : [];
    },
  },
];
