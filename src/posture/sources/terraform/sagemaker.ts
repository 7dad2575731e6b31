import { blocks, clean, generic, many, one, type Shape, shaped, tagList } from './convert.js';
import type { TfMapping } from './mapping.js';
import type { Rec } from './records.js';

const VARIANT: Shape = {
  VariantName: 'variant_name',
  ModelName: 'model_name',
  InitialInstanceCount: 'initial_instance_count',
  InstanceType: 'instance_type',
  InitialVariantWeight: 'initial_variant_weight',
  AcceleratorType: 'accelerator_type',
  VolumeSizeInGB: 'volume_size_in_gb',
  EnableSSMAccess: 'enable_ssm_access',
  InferenceAmiVersion: 'inference_ami_version',
  ContainerStartupHealthCheckTimeoutInSeconds: 'container_startup_health_check_timeout_in_seconds',
  ModelDataDownloadTimeoutInSeconds: 'model_data_download_timeout_in_seconds',
  ServerlessConfig: one('serverless_config', {
    MaxConcurrency: 'max_concurrency',
    MemorySizeInMB: 'memory_size_in_mb',
    ProvisionedConcurrency: 'provisioned_concurrency',
  }),
};

const CONTAINER: Shape = {
  Image: 'image',
  Mode: 'mode',
  ModelDataUrl: 'model_data_url',
  ContainerHostname: 'container_hostname',
  Environment: 'environment',
  ModelPackageName: 'model_package_name',
  InferenceSpecificationName: 'inference_specification_name',
  ImageConfig: one('image_config', { RepositoryAccessMode: 'repository_access_mode' }),
};

const VPC: Shape = { Subnets: 'subnets', SecurityGroupIds: 'security_group_ids' };

/** Studio settings follow the API's names closely; these are the irregular ones. */
const SETTINGS_RENAMES: Record<string, string> = {
  s3_kms_key_id: 'S3KmsKeyId',
  s3_output_path: 'S3OutputPath',
  r_studio_server_pro_app_settings: 'RStudioServerProAppSettings',
  r_session_app_settings: 'RSessionAppSettings',
  custom_image: 'CustomImages',
  custom_file_system_config: 'CustomFileSystemConfigs',
  lifecycle_config_arns: 'LifecycleConfigArns',
  sagemaker_image_arn: 'SageMakerImageArn',
  sagemaker_image_version_arn: 'SageMakerImageVersionArn',
  auto_mount_home_efs: 'AutoMountHomeEFS',
};
const SETTINGS_LISTS = new Set(['custom_image', 'custom_file_system_config', 'code_repository']);
const settings = (v: unknown) => clean(generic(blocks(v)[0], { lists: SETTINGS_LISTS, renames: SETTINGS_RENAMES }));

/** Terraform's `pipeline_definition` is the JSON text CloudFormation keeps in PipelineDefinitionBody. */
function pipelineDefinition(v: Rec): Rec | undefined {
  const body = v.pipeline_definition;
  if (clean(body) !== undefined) return { PipelineDefinitionBody: body };
  const s3 = blocks(v.pipeline_definition_s3_location)[0];
  if (!s3) return undefined;
  return { PipelineDefinitionS3Location: shaped(s3, { Bucket: 'bucket', Key: 'object_key', Version: 'version_id' }) };
}

/** Model Monitor shapes, shared by job definitions and schedules that define their job inline. */
const CLUSTER = one('cluster_config', {
  InstanceCount: 'instance_count',
  InstanceType: 'instance_type',
  VolumeKmsKeyId: 'volume_kms_key_id',
  VolumeSizeInGB: 'volume_size_in_gb',
});

const MONITORING_NETWORK = one('network_config', {
  EnableInterContainerTrafficEncryption: 'enable_inter_container_traffic_encryption',
  EnableNetworkIsolation: 'enable_network_isolation',
  VpcConfig: one('vpc_config', { SecurityGroupIds: 'security_group_ids', Subnets: 'subnets' }),
});

/** Terraform keeps `monitoring_outputs` as a single block; CloudFormation as a list of outputs. */
const monitoringOutput = (from: string) =>
  one(from, {
    KmsKeyId: 'kms_key_id',
    MonitoringOutputs: many('monitoring_outputs', {
      S3Output: one('s3_output', { LocalPath: 'local_path', S3UploadMode: 's3_upload_mode', S3Uri: 's3_uri' }),
    }),
  });

const INPUT_ATTRIBUTES: Shape = {
  LocalPath: 'local_path',
  S3DataDistributionType: 's3_data_distribution_type',
  S3InputMode: 's3_input_mode',
  ExcludeFeaturesAttribute: 'exclude_features_attribute',
};

const MONITORING_INPUT: Shape = {
  EndpointInput: one('endpoint_input', { EndpointName: 'endpoint_name', ...INPUT_ATTRIBUTES }),
  BatchTransformInput: one('batch_transform_input', {
    DataCapturedDestinationS3Uri: 'data_captured_destination_s3_uri',
    DatasetFormat: one('dataset_format', {
      Csv: one('csv', { Header: 'header' }),
      Json: one('json', { Line: 'line' }),
    }),
    ...INPUT_ATTRIBUTES,
  }),
};

const BASELINE_RESOURCES: Shape = {
  ConstraintsResource: one('constraints_resource', { S3Uri: 's3_uri' }),
  StatisticsResource: one('statistics_resource', { S3Uri: 's3_uri' }),
};

/** A schedule's inline job keeps `Environment` beside the app specification, a job definition inside it. */
const APP_SPECIFICATION: Shape = {
  ImageUri: 'image_uri',
  ContainerArguments: 'container_arguments',
  ContainerEntrypoint: 'container_entrypoint',
  PostAnalyticsProcessorSourceUri: 'post_analytics_processor_source_uri',
  RecordPreprocessorSourceUri: 'record_preprocessor_source_uri',
};

const STOPPING = one('stopping_condition', { MaxRuntimeInSeconds: 'max_runtime_in_seconds' });

export const sagemakerMappings: TfMapping[] = [
  {
    tf: 'aws_sagemaker_notebook_instance',
    cfn: 'AWS::SageMaker::NotebookInstance',
    props: (r) =>
      shaped(r.values, {
        NotebookInstanceName: 'name',
        InstanceType: 'instance_type',
        RoleArn: 'role_arn',
        KmsKeyId: 'kms_key_id',
        SubnetId: 'subnet_id',
        SecurityGroupIds: 'security_groups',
        DirectInternetAccess: 'direct_internet_access',
        RootAccess: 'root_access',
        VolumeSizeInGB: 'volume_size',
        LifecycleConfigName: 'lifecycle_config_name',
        DefaultCodeRepository: 'default_code_repository',
        AdditionalCodeRepositories: 'additional_code_repositories',
        AcceleratorTypes: 'accelerator_types',
        PlatformIdentifier: 'platform_identifier',
        InstanceMetadataServiceConfiguration: one('instance_metadata_service_configuration', {
          MinimumInstanceMetadataServiceVersion: 'minimum_instance_metadata_service_version',
        }),
        Tags: () => tagList(r.values),
      }),
  },
  {
    tf: 'aws_sagemaker_endpoint_configuration',
    cfn: 'AWS::SageMaker::EndpointConfig',
    props: (r) =>
      shaped(r.values, {
        EndpointConfigName: 'name',
        KmsKeyId: 'kms_key_arn',
        ProductionVariants: many('production_variants', VARIANT),
        ShadowProductionVariants: many('shadow_production_variants', VARIANT),
        DataCaptureConfig: one('data_capture_config', {
          EnableCapture: 'enable_capture',
          InitialSamplingPercentage: 'initial_sampling_percentage',
          DestinationS3Uri: 'destination_s3_uri',
          KmsKeyId: 'kms_key_id',
          CaptureOptions: many('capture_options', { CaptureMode: 'capture_mode' }),
          CaptureContentTypeHeader: one('capture_content_type_header', {
            CsvContentTypes: 'csv_content_types',
            JsonContentTypes: 'json_content_types',
          }),
        }),
        AsyncInferenceConfig: one('async_inference_config', {
          OutputConfig: one('output_config', {
            S3OutputPath: 's3_output_path',
            S3FailurePath: 's3_failure_path',
            KmsKeyId: 'kms_key_id',
          }),
          ClientConfig: one('client_config', {
            MaxConcurrentInvocationsPerInstance: 'max_concurrent_invocations_per_instance',
          }),
        }),
        Tags: () => tagList(r.values),
      }),
  },
  {
    tf: 'aws_sagemaker_endpoint',
    cfn: 'AWS::SageMaker::Endpoint',
    props: (r) =>
      shaped(r.values, {
        EndpointName: 'name',
        EndpointConfigName: 'endpoint_config_name',
        Tags: () => tagList(r.values),
      }),
  },
  {
    tf: 'aws_sagemaker_model',
    cfn: 'AWS::SageMaker::Model',
    props: (r) =>
      shaped(r.values, {
        ModelName: 'name',
        ExecutionRoleArn: 'execution_role_arn',
        EnableNetworkIsolation: 'enable_network_isolation',
        PrimaryContainer: one('primary_container', CONTAINER),
        Containers: many('container', CONTAINER),
        VpcConfig: one('vpc_config', VPC),
        InferenceExecutionConfig: one('inference_execution_config', { Mode: 'mode' }),
        Tags: () => tagList(r.values),
      }),
  },
  {
    tf: 'aws_sagemaker_domain',
    cfn: 'AWS::SageMaker::Domain',
    props: (r) =>
      shaped(r.values, {
        DomainName: 'domain_name',
        AuthMode: 'auth_mode',
        VpcId: 'vpc_id',
        SubnetIds: 'subnet_ids',
        KmsKeyId: 'kms_key_id',
        AppNetworkAccessType: 'app_network_access_type',
        AppSecurityGroupManagement: 'app_security_group_management',
        TagPropagation: 'tag_propagation',
        DefaultUserSettings: (s) => settings(s.default_user_settings),
        DefaultSpaceSettings: (s) => settings(s.default_space_settings),
        DomainSettings: (s) => settings(s.domain_settings),
        Tags: () => tagList(r.values),
      }),
  },
  {
    tf: 'aws_sagemaker_user_profile',
    cfn: 'AWS::SageMaker::UserProfile',
    props: (r) =>
      shaped(r.values, {
        DomainId: 'domain_id',
        UserProfileName: 'user_profile_name',
        SingleSignOnUserIdentifier: 'single_sign_on_user_identifier',
        SingleSignOnUserValue: 'single_sign_on_user_value',
        UserSettings: (s) => settings(s.user_settings),
        Tags: () => tagList(r.values),
      }),
  },
  {
    tf: 'aws_sagemaker_pipeline',
    cfn: 'AWS::SageMaker::Pipeline',
    props: (r) =>
      shaped(r.values, {
        PipelineName: 'pipeline_name',
        PipelineDisplayName: 'pipeline_display_name',
        PipelineDescription: 'pipeline_description',
        RoleArn: 'role_arn',
        PipelineDefinition: pipelineDefinition,
        ParallelismConfiguration: one('parallelism_configuration', {
          MaxParallelExecutionSteps: 'max_parallel_execution_steps',
        }),
        Tags: () => tagList(r.values),
      }),
  },
  {
    tf: 'aws_sagemaker_model_package_group',
    cfn: 'AWS::SageMaker::ModelPackageGroup',
    props: (r) =>
      shaped(r.values, {
        ModelPackageGroupName: 'model_package_group_name',
        ModelPackageGroupDescription: 'model_package_group_description',
        Tags: () => tagList(r.values),
      }),
  },
  {
    tf: 'aws_sagemaker_data_quality_job_definition',
    cfn: 'AWS::SageMaker::DataQualityJobDefinition',
    props: (r) =>
      shaped(r.values, {
        JobDefinitionName: 'name',
        RoleArn: 'role_arn',
        DataQualityAppSpecification: one('data_quality_app_specification', {
          ...APP_SPECIFICATION,
          Environment: 'environment',
        }),
        DataQualityBaselineConfig: one('data_quality_baseline_config', BASELINE_RESOURCES),
        DataQualityJobInput: one('data_quality_job_input', MONITORING_INPUT),
        DataQualityJobOutputConfig: monitoringOutput('data_quality_job_output_config'),
        JobResources: one('job_resources', { ClusterConfig: CLUSTER }),
        NetworkConfig: MONITORING_NETWORK,
        StoppingCondition: STOPPING,
        Tags: () => tagList(r.values),
      }),
  },
  {
    // A schedule names a job definition or (recent providers) defines its job inline in `monitoring_job_definition`.
    tf: 'aws_sagemaker_monitoring_schedule',
    cfn: 'AWS::SageMaker::MonitoringSchedule',
    props: (r) =>
      shaped(r.values, {
        MonitoringScheduleName: 'name',
        MonitoringScheduleConfig: one('monitoring_schedule_config', {
          MonitoringJobDefinitionName: 'monitoring_job_definition_name',
          MonitoringType: 'monitoring_type',
          ScheduleConfig: one('schedule_config', { ScheduleExpression: 'schedule_expression' }),
          MonitoringJobDefinition: one('monitoring_job_definition', {
            BaselineConfig: one('baseline', BASELINE_RESOURCES),
            Environment: 'environment',
            MonitoringAppSpecification: one('monitoring_app_specification', APP_SPECIFICATION),
            MonitoringInputs: many('monitoring_inputs', MONITORING_INPUT),
            MonitoringOutputConfig: monitoringOutput('monitoring_output_config'),
            MonitoringResources: one('monitoring_resources', { ClusterConfig: CLUSTER }),
            NetworkConfig: MONITORING_NETWORK,
            RoleArn: 'role_arn',
            StoppingCondition: STOPPING,
          }),
        }),
        Tags: () => tagList(r.values),
      }),
  },
];
