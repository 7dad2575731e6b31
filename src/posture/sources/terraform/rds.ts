import { clean, one, shaped, tagList } from './convert.js';
import type { TfMapping } from './mapping.js';
import type { Rec } from './records.js';
import { unknownValue } from './unknown.js';

/** CloudFormation types some RDS numbers as strings. */
const asText = (v: unknown) => (typeof v === 'number' ? String(v) : clean(v));
/** A password is only ever reported as set, never copied into findings. */
const secret = (v: unknown) => (clean(v) === undefined ? undefined : unknownValue('sensitive value'));

const COMMON = {
  Engine: 'engine',
  EngineVersion: 'engine_version',
  StorageEncrypted: 'storage_encrypted',
  KmsKeyId: 'kms_key_id',
  DeletionProtection: 'deletion_protection',
  BackupRetentionPeriod: 'backup_retention_period',
  EnableIAMDatabaseAuthentication: 'iam_database_authentication_enabled',
  EnableCloudwatchLogsExports: 'enabled_cloudwatch_logs_exports',
  CopyTagsToSnapshot: 'copy_tags_to_snapshot',
  DBSubnetGroupName: 'db_subnet_group_name',
  ManageMasterUserPassword: 'manage_master_user_password',
  MasterUserPassword: (s: Rec) => secret(s.password ?? s.master_password),
  MonitoringInterval: 'monitoring_interval',
  MonitoringRoleArn: 'monitoring_role_arn',
  StorageType: 'storage_type',
  Iops: 'iops',
  AutoMinorVersionUpgrade: 'auto_minor_version_upgrade',
} as const;

export const rdsMappings: TfMapping[] = [
  {
    tf: 'aws_db_instance',
    cfn: 'AWS::RDS::DBInstance',
    props: (r) =>
      shaped(r.values, {
        ...COMMON,
        DBInstanceIdentifier: 'identifier',
        DBInstanceClass: 'instance_class',
        DBClusterIdentifier: 'cluster_identifier',
        DBName: 'db_name',
        MasterUsername: 'username',
        AllocatedStorage: (s) => asText(s.allocated_storage),
        Port: (s) => asText(s.port),
        PubliclyAccessible: 'publicly_accessible',
        MultiAZ: 'multi_az',
        VPCSecurityGroups: 'vpc_security_group_ids',
        DBParameterGroupName: 'parameter_group_name',
        CACertificateIdentifier: 'ca_cert_identifier',
        EnablePerformanceInsights: 'performance_insights_enabled',
        PerformanceInsightsKMSKeyId: 'performance_insights_kms_key_id',
        Tags: () => tagList(r.values),
      }),
  },
  {
    tf: 'aws_rds_cluster',
    cfn: 'AWS::RDS::DBCluster',
    props: (r) =>
      shaped(r.values, {
        ...COMMON,
        DBClusterIdentifier: 'cluster_identifier',
        EngineMode: 'engine_mode',
        DatabaseName: 'database_name',
        MasterUsername: 'master_username',
        Port: 'port',
        PubliclyAccessible: 'publicly_accessible',
        VpcSecurityGroupIds: 'vpc_security_group_ids',
        DBClusterParameterGroupName: 'db_cluster_parameter_group_name',
        EnableHttpEndpoint: 'enable_http_endpoint',
        PerformanceInsightsEnabled: 'performance_insights_enabled',
        PerformanceInsightsKmsKeyId: 'performance_insights_kms_key_id',
        ServerlessV2ScalingConfiguration: one('serverlessv2_scaling_configuration', {
          MinCapacity: 'min_capacity',
          MaxCapacity: 'max_capacity',
        }),
        Tags: () => tagList(r.values),
      }),
  },
  {
    tf: 'aws_rds_cluster_instance',
    cfn: 'AWS::RDS::DBInstance',
    props: (r) =>
      shaped(r.values, {
        DBInstanceIdentifier: 'identifier',
        DBClusterIdentifier: 'cluster_identifier',
        DBInstanceClass: 'instance_class',
        Engine: 'engine',
        PubliclyAccessible: 'publicly_accessible',
        AutoMinorVersionUpgrade: 'auto_minor_version_upgrade',
        EnablePerformanceInsights: 'performance_insights_enabled',
        PerformanceInsightsKMSKeyId: 'performance_insights_kms_key_id',
        MonitoringInterval: 'monitoring_interval',
        Tags: () => tagList(r.values),
      }),
  },
];
