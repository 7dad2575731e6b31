import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanPaths } from '../../engine.js';
import { allRules } from '../../rules/index.js';
import { pipelineSteps } from '../../rules/sagemaker/pipeline-steps.js';
import { asBool, dig, isSet } from '../../values.js';
import { refTarget } from '../intrinsics.js';
import { fixturePath, resourcesOf } from './test-fixtures.js';

describe('SageMaker mapping', () => {
  const sm = resourcesOf('sagemaker.plan.json');

  it('maps a notebook instance, with references for values known after apply', () => {
    const nb = resourcesOf('secure.plan.json')('aws_sagemaker_notebook_instance.research');
    expect(nb.type).toBe('AWS::SageMaker::NotebookInstance');
    expect(nb.properties).toMatchObject({
      DirectInternetAccess: 'Disabled',
      RootAccess: 'Disabled',
      VolumeSizeInGB: 20,
      InstanceMetadataServiceConfiguration: { MinimumInstanceMetadataServiceVersion: '2' },
    });
    expect(refTarget(nb.properties.KmsKeyId)).toBe('aws_kms_key.data');
    expect(refTarget(nb.properties.SubnetId)).toBe('aws_subnet.private');
    expect(refTarget(nb.properties.RoleArn)).toBe('aws_iam_role.agent');
    expect(isSet(nb.properties.KmsKeyId)).toBe(true);
    expect(asBool(nb.properties.KmsKeyId)).toBeUndefined();
  });

  it('gives every count instance its own address and links each to its references', () => {
    const lab = [sm('aws_sagemaker_notebook_instance.lab[0]'), sm('aws_sagemaker_notebook_instance.lab[1]')];
    expect(lab.map((r) => r.properties.NotebookInstanceName)).toEqual(['lab-0', 'lab-1']);
    expect(lab.map((r) => r.metadata.terraform)).toMatchObject([{ index: 0 }, { index: 1 }]);
    for (const r of lab) expect(refTarget(r.properties.KmsKeyId)).toBe('aws_kms_key.ml');
  });

  it('maps an endpoint configuration with variants, data capture and key', () => {
    const cfg = sm('aws_sagemaker_endpoint_configuration.chat');
    expect(cfg.type).toBe('AWS::SageMaker::EndpointConfig');
    expect(refTarget(cfg.properties.KmsKeyId)).toBe('aws_kms_key.ml');
    expect(dig(cfg.properties, ['ProductionVariants', 0])).toMatchObject({
      VariantName: 'primary',
      InitialInstanceCount: 1,
      InstanceType: 'ml.g5.xlarge',
    });
    expect(refTarget(dig(cfg.properties, ['ProductionVariants', 0, 'ModelName']))).toBe('aws_sagemaker_model.chat');
    expect(dig(cfg.properties, ['DataCaptureConfig', 'EnableCapture'])).toBe(true);
    expect(dig(cfg.properties, ['DataCaptureConfig', 'CaptureOptions'])).toEqual([
      { CaptureMode: 'Input' },
      { CaptureMode: 'Output' },
    ]);
    expect(refTarget(sm('aws_sagemaker_endpoint.chat').properties.EndpointConfigName)).toBe(
      'aws_sagemaker_endpoint_configuration.chat',
    );
  });

  it('maps a model with network isolation and VPC config', () => {
    const m = sm('aws_sagemaker_model.chat');
    expect(m.type).toBe('AWS::SageMaker::Model');
    expect(m.properties.EnableNetworkIsolation).toBe(true);
    expect(dig(m.properties, ['PrimaryContainer', 'ModelDataUrl'])).toBe('s3://acme-models/chat/model.tar.gz');
    expect((dig(m.properties, ['VpcConfig', 'Subnets']) as unknown[]).map(refTarget)).toEqual(['aws_subnet.private']);
    expect(refTarget(m.properties.ExecutionRoleArn)).toBe('aws_iam_role.hosting');
  });

  it('maps a Studio domain, its network mode, key and default user settings', () => {
    const d = sm('aws_sagemaker_domain.studio');
    expect(d.type).toBe('AWS::SageMaker::Domain');
    expect(d.properties).toMatchObject({ AppNetworkAccessType: 'VpcOnly', AuthMode: 'IAM', DomainName: 'acme-studio' });
    expect(refTarget(d.properties.KmsKeyId)).toBe('aws_kms_key.ml');
    expect(refTarget(dig(d.properties, ['DefaultUserSettings', 'ExecutionRole']))).toBe('aws_iam_role.hosting');
    expect(dig(d.properties, ['DefaultUserSettings', 'SharingSettings', 'NotebookOutputOption'])).toBe('Allowed');
    expect(refTarget(dig(d.properties, ['DefaultUserSettings', 'SharingSettings', 'S3KmsKeyId']))).toBe(
      'aws_kms_key.ml',
    );
    expect(dig(d.properties, ['DefaultUserSettings', 'JupyterServerAppSettings', 'DefaultResourceSpec'])).toEqual({
      InstanceType: 'system',
    });
  });

  it('keeps a pipeline definition readable by the pipeline step rules', () => {
    const p = sm('aws_sagemaker_pipeline.finetune');
    expect(p.type).toBe('AWS::SageMaker::Pipeline');
    const steps = pipelineSteps(p);
    expect(steps?.map((s) => [s.name, s.type])).toEqual([['FineTune', 'Training']]);
    expect(steps?.[0]?.arguments.EnableInterContainerTrafficEncryption).toBe(false);
  });

  it('maps a user profile and its settings', () => {
    const u = sm('aws_sagemaker_user_profile.alice');
    expect(u.type).toBe('AWS::SageMaker::UserProfile');
    expect(refTarget(u.properties.DomainId)).toBe('aws_sagemaker_domain.studio');
    expect(u.properties.UserSettings).toEqual({
      ExecutionRole: 'arn:aws:iam::111122223333:role/alice-studio',
      SharingSettings: { NotebookOutputOption: 'Disabled' },
    });
  });

  it('maps a model package group', () => {
    expect(sm('aws_sagemaker_model_package_group.chat')).toMatchObject({
      type: 'AWS::SageMaker::ModelPackageGroup',
      properties: { ModelPackageGroupName: 'chat' },
    });
  });
});

describe('SageMaker Model Monitor mapping', () => {
  const mon = resourcesOf('sagemaker.plan.json');

  it('maps a data quality job definition with its network, output key and volume key', () => {
    const d = mon('aws_sagemaker_data_quality_job_definition.drift');
    expect(d.type).toBe('AWS::SageMaker::DataQualityJobDefinition');
    expect(d.sourceType).toBe('aws_sagemaker_data_quality_job_definition');
    expect(d.properties).toMatchObject({
      JobDefinitionName: 'chat-drift',
      RoleArn: 'arn:aws:iam::111122223333:role/model-monitor',
      NetworkConfig: {
        EnableInterContainerTrafficEncryption: true,
        EnableNetworkIsolation: true,
        VpcConfig: { Subnets: ['subnet-0a1b2c3d', 'subnet-4e5f6a7b'], SecurityGroupIds: ['sg-0a1b2c3d'] },
      },
      DataQualityJobInput: { EndpointInput: { EndpointName: 'chat', S3InputMode: 'File' } },
      DataQualityAppSpecification: { Environment: { publish_cloudwatch_metrics: 'Enabled' } },
      DataQualityBaselineConfig: { ConstraintsResource: { S3Uri: 's3://acme-monitor/baseline/constraints.json' } },
      StoppingCondition: { MaxRuntimeInSeconds: 1800 },
      Tags: [{ Key: 'team', Value: 'ml' }],
    });
    // Terraform's single monitoring_outputs block is CloudFormation's list of outputs.
    expect(dig(d.properties, ['DataQualityJobOutputConfig', 'MonitoringOutputs'])).toEqual([
      {
        S3Output: {
          LocalPath: '/opt/ml/processing/output',
          S3UploadMode: 'EndOfJob',
          S3Uri: 's3://acme-monitor/reports',
        },
      },
    ]);
    expect(refTarget(dig(d.properties, ['DataQualityJobOutputConfig', 'KmsKeyId']))).toBe('aws_kms_key.monitor');
    expect(refTarget(dig(d.properties, ['JobResources', 'ClusterConfig', 'VolumeKmsKeyId']))).toBe(
      'aws_kms_key.monitor',
    );
    const open = mon('aws_sagemaker_data_quality_job_definition.open');
    expect(open.properties.NetworkConfig).toBeUndefined();
    expect(dig(open.properties, ['DataQualityJobOutputConfig', 'KmsKeyId'])).toBeUndefined();
  });

  it('maps schedules that name a job definition and schedules that define their job inline', () => {
    const named = mon('aws_sagemaker_monitoring_schedule.drift');
    expect(named.type).toBe('AWS::SageMaker::MonitoringSchedule');
    expect(named.properties.MonitoringScheduleConfig).toMatchObject({
      MonitoringType: 'DataQuality',
      ScheduleConfig: { ScheduleExpression: 'cron(0 * ? * * *)' },
    });
    expect(dig(named.properties, ['MonitoringScheduleConfig', 'MonitoringJobDefinition'])).toBeUndefined();
    expect(named.refs).toContain('aws_sagemaker_data_quality_job_definition.drift');
    const inline = dig(mon('aws_sagemaker_monitoring_schedule.inline').properties, [
      'MonitoringScheduleConfig',
      'MonitoringJobDefinition',
    ]);
    expect(inline).toMatchObject({
      RoleArn: 'arn:aws:iam::111122223333:role/model-monitor',
      MonitoringInputs: [{ EndpointInput: { EndpointName: 'chat', LocalPath: '/opt/ml/processing/input' } }],
      MonitoringResources: { ClusterConfig: { InstanceCount: 1, InstanceType: 'ml.m5.large', VolumeSizeInGB: 20 } },
      NetworkConfig: { EnableInterContainerTrafficEncryption: false, EnableNetworkIsolation: false },
      MonitoringOutputConfig: { MonitoringOutputs: [{ S3Output: { S3Uri: 's3://acme-monitor/inline' } }] },
    });
  });

  it('is judged by the SageMaker monitoring-job rules written for CloudFormation', () => {
    const ids = [
      'sagemaker-monitoring-job-vpc',
      'sagemaker-monitoring-job-network-isolation',
      'sagemaker-monitoring-job-inter-container-encryption',
      'sagemaker-monitoring-job-output-kms',
      'sagemaker-monitoring-job-volume-kms',
    ];
    const rules = allRules.filter((r) => ids.includes(r.id));
    expect(rules).toHaveLength(ids.length);
    const { findings, stats } = scanPaths([fixturePath('sagemaker.plan.json')], {
      root: dirname(fixturePath('sagemaker.plan.json')),
      rules,
    });
    expect(stats.parseErrors).toBe(0);
    const verdicts = (address: string) =>
      [...new Set(findings.filter((f) => f.resource.id === address).map((f) => `${f.ruleId} ${f.status}`))].sort();
    expect(verdicts('aws_sagemaker_data_quality_job_definition.drift')).toEqual(ids.map((id) => `${id} pass`).sort());
    expect(verdicts('aws_sagemaker_data_quality_job_definition.open')).toEqual(ids.map((id) => `${id} fail`).sort());
    expect(verdicts('aws_sagemaker_monitoring_schedule.inline')).toEqual(ids.map((id) => `${id} fail`).sort());
    // A schedule that names its job definition is judged through that definition.
    expect(verdicts('aws_sagemaker_monitoring_schedule.drift')).toEqual([]);
    const open = findings.find((f) => f.resource.id === 'aws_sagemaker_data_quality_job_definition.open')!;
    expect(open.resource.type).toBe('aws_sagemaker_data_quality_job_definition');
    expect(open.resource.line).toBeGreaterThan(1);
  });
});
