import { describe, expect, it } from 'vitest';
import { pipelineSteps } from '../../rules/sagemaker/pipeline-steps.js';
import { asBool, dig, isSet } from '../../values.js';
import { refTarget } from '../intrinsics.js';
import { resourcesOf } from './test-fixtures.js';

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
