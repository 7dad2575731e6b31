import { describe, expect, it } from 'vitest';
import { runRules, verdicts } from '../../test-helpers.js';
import { sagemakerRules } from './index.js';
import { sagemakerDomainKms } from './sagemaker-domain-kms.js';
import { sagemakerDomainVpcOnly } from './sagemaker-domain-vpc-only.js';
import { sagemakerEndpointDataCapture } from './sagemaker-endpoint-data-capture.js';
import { sagemakerExecutionRoleNotShared } from './sagemaker-execution-role-not-shared.js';
import { sagemakerModelNetworkIsolation } from './sagemaker-model-network-isolation.js';
import { sagemakerModelPackageGroupNotPublic } from './sagemaker-model-package-group-not-public.js';
import { sagemakerModelRegistryInUse } from './sagemaker-model-registry-in-use.js';
import { sagemakerModelVpc } from './sagemaker-model-vpc.js';
import { sagemakerMonitoringJobInterContainerEncryption } from './sagemaker-monitoring-job-inter-container-encryption.js';
import { sagemakerMonitoringJobNetworkIsolation } from './sagemaker-monitoring-job-network-isolation.js';
import { sagemakerMonitoringJobOutputKms } from './sagemaker-monitoring-job-output-kms.js';
import { sagemakerMonitoringJobVolumeKms } from './sagemaker-monitoring-job-volume-kms.js';
import { sagemakerMonitoringJobVpc } from './sagemaker-monitoring-job-vpc.js';
import { sagemakerNotebookImdsv2 } from './sagemaker-notebook-imdsv2.js';
import { sagemakerPipelineProcessingIsolation } from './sagemaker-pipeline-processing-isolation.js';
import { sagemakerPipelineVpc } from './sagemaker-pipeline-vpc.js';
import { sagemakerUserProfileExecutionRole } from './sagemaker-user-profile-execution-role.js';

const tpl = (resources: string, params = '') =>
  `AWSTemplateFormatVersion: "2010-09-09"\n${params}Resources:\n${resources}`;

/** A pipeline resource whose inline definition has the given steps (JSON objects without the outer list). */
const pipeline = (id: string, steps: string[], role = 'r') => `  ${id}:
    Type: AWS::SageMaker::Pipeline
    Properties:
      PipelineName: ${id.toLowerCase()}
      RoleArn: ${role}
      PipelineDefinition:
        PipelineDefinitionBody: !Sub '{"Version":"2020-12-01","Steps":[${steps.join(',')}]}'
`;

describe('sagemaker family', () => {
  it('registers every rule once', () => {
    const ids = sagemakerRules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain('sagemaker-notebook-imdsv2');
  });
});

describe('notebook and domain rules', () => {
  it('sagemaker-notebook-imdsv2 requires version "2" (string, number or parameter default)', () => {
    const t = tpl(
      `  V2:
    Type: AWS::SageMaker::NotebookInstance
    Properties: { InstanceType: ml.t3.medium, RoleArn: r, InstanceMetadataServiceConfiguration: { MinimumInstanceMetadataServiceVersion: "2" } }
  V2Number:
    Type: AWS::SageMaker::NotebookInstance
    Properties: { InstanceType: ml.t3.medium, RoleArn: r, InstanceMetadataServiceConfiguration: { MinimumInstanceMetadataServiceVersion: 2 } }
  V1:
    Type: AWS::SageMaker::NotebookInstance
    Properties: { InstanceType: ml.t3.medium, RoleArn: r, InstanceMetadataServiceConfiguration: { MinimumInstanceMetadataServiceVersion: "1" } }
  Unset:
    Type: AWS::SageMaker::NotebookInstance
    Properties: { InstanceType: ml.t3.medium, RoleArn: r }
  FromParam:
    Type: AWS::SageMaker::NotebookInstance
    Properties: { InstanceType: ml.t3.medium, RoleArn: r, InstanceMetadataServiceConfiguration: { MinimumInstanceMetadataServiceVersion: !Ref Imds } }
`,
      'Parameters:\n  Imds: { Type: String, Default: "1" }\n',
    );
    expect(verdicts(t, sagemakerNotebookImdsv2)).toEqual([
      'pass V2',
      'pass V2Number',
      'fail V1',
      'fail Unset',
      'fail FromParam',
    ]);
    const f = runRules(t, [sagemakerNotebookImdsv2]).find((x) => x.resource.id === 'V1')!;
    expect(f.resource.line).toBe(
      t.split('\n').findIndex((l) => l.includes('MinimumInstanceMetadataServiceVersion: "1"')) + 1,
    );
  });

  const domains = tpl(`  Private:
    Type: AWS::SageMaker::Domain
    Properties:
      DomainName: private
      AuthMode: IAM
      AppNetworkAccessType: VpcOnly
      KmsKeyId: !Ref StudioKey
      DefaultUserSettings: { ExecutionRole: !GetAtt DefaultRole.Arn }
  Public:
    Type: AWS::SageMaker::Domain
    Properties:
      DomainName: public
      AuthMode: IAM
      AppNetworkAccessType: PublicInternetOnly
      DefaultUserSettings: { ExecutionRole: r }
  Defaulted:
    Type: AWS::SageMaker::Domain
    Properties: { DomainName: d, AuthMode: SSO, DefaultUserSettings: { ExecutionRole: r } }
`);
  it('sagemaker-domain-vpc-only fails PublicInternetOnly and the default', () =>
    expect(verdicts(domains, sagemakerDomainVpcOnly)).toEqual(['pass Private', 'fail Public', 'fail Defaulted']));
  it('sagemaker-domain-kms', () =>
    expect(verdicts(domains, sagemakerDomainKms)).toEqual(['pass Private', 'fail Public', 'fail Defaulted']));

  it('sagemaker-user-profile-execution-role wants a persona role distinct from the domain default', () => {
    const t = tpl(`  Domain:
    Type: AWS::SageMaker::Domain
    Properties: { DomainName: d, AuthMode: IAM, DefaultUserSettings: { ExecutionRole: !GetAtt DefaultRole.Arn } }
  Scientist:
    Type: AWS::SageMaker::UserProfile
    Properties: { DomainId: !Ref Domain, UserProfileName: ann, UserSettings: { ExecutionRole: !GetAtt ScientistRole.Arn } }
  SameAsDefault:
    Type: AWS::SageMaker::UserProfile
    Properties: { DomainId: !GetAtt Domain.DomainId, UserProfileName: bob, UserSettings: { ExecutionRole: !GetAtt DefaultRole.Arn } }
  Inherits:
    Type: AWS::SageMaker::UserProfile
    Properties: { DomainId: !Ref Domain, UserProfileName: cy }
  OtherDomain:
    Type: AWS::SageMaker::UserProfile
    Properties: { DomainId: d-123, UserProfileName: dee, UserSettings: { ExecutionRole: "arn:aws:iam::1:role/x" } }
`);
    expect(verdicts(t, sagemakerUserProfileExecutionRole)).toEqual([
      'pass Scientist',
      'fail SameAsDefault',
      'fail Inherits',
      'pass OtherDomain',
    ]);
  });
});

describe('model and endpoint rules', () => {
  const models = tpl(`  Isolated:
    Type: AWS::SageMaker::Model
    Properties:
      EnableNetworkIsolation: "true"
      VpcConfig: { Subnets: [!Ref SubnetA], SecurityGroupIds: [!Ref Sg] }
      PrimaryContainer: { ModelPackageName: !Ref ApprovedPackage }
  Open:
    Type: AWS::SageMaker::Model
    Properties:
      EnableNetworkIsolation: false
      VpcConfig: { Subnets: [], SecurityGroupIds: [] }
      PrimaryContainer: { Image: i, ModelDataUrl: s3://b/model.tar.gz }
  Bare:
    Type: AWS::SageMaker::Model
    Properties:
      Containers: [{ Image: i }]
  ServerlessOnly:
    Type: AWS::SageMaker::Model
    Properties:
      PrimaryContainer: { Image: i }
  ServerlessConfig:
    Type: AWS::SageMaker::EndpointConfig
    Properties:
      ProductionVariants: [{ VariantName: a, ModelName: !GetAtt ServerlessOnly.ModelName, ServerlessConfig: { MaxConcurrency: 1, MemorySizeInMB: 2048 } }]
  InstanceConfig:
    Type: AWS::SageMaker::EndpointConfig
    Properties:
      DataCaptureConfig:
        DestinationS3Uri: s3://b/capture
        InitialSamplingPercentage: 10
        CaptureOptions: [{ CaptureMode: Input }]
      ProductionVariants: [{ VariantName: a, ModelName: !GetAtt Bare.ModelName, InitialInstanceCount: 2, InstanceType: ml.m5.large }]
  CaptureOff:
    Type: AWS::SageMaker::EndpointConfig
    Properties:
      DataCaptureConfig: { EnableCapture: "false", DestinationS3Uri: s3://b/c, InitialSamplingPercentage: 10, CaptureOptions: [{ CaptureMode: Input }] }
      ProductionVariants: [{ VariantName: a, ModelName: m, InitialInstanceCount: 2, InstanceType: ml.m5.large }]
  NoCapture:
    Type: AWS::SageMaker::EndpointConfig
    Properties:
      ProductionVariants: [{ VariantName: a, ModelName: !Ref Open, InitialInstanceCount: 2, InstanceType: ml.m5.large }]
`);
  it('sagemaker-model-network-isolation accepts "true", skips serverless-only models', () =>
    expect(verdicts(models, sagemakerModelNetworkIsolation)).toEqual(['pass Isolated', 'fail Open', 'fail Bare']));
  it('sagemaker-model-vpc rejects empty subnet lists', () =>
    expect(verdicts(models, sagemakerModelVpc)).toEqual(['pass Isolated', 'fail Open', 'fail Bare']));
  it('sagemaker-model-registry-in-use wants models built from a model package', () =>
    expect(verdicts(models, sagemakerModelRegistryInUse)).toEqual([
      'pass Isolated',
      'fail Open',
      'fail Bare',
      'fail ServerlessOnly',
    ]));
  it('sagemaker-endpoint-data-capture: capture on unless EnableCapture is false; serverless not evaluated', () =>
    expect(verdicts(models, sagemakerEndpointDataCapture)).toEqual([
      'pass InstanceConfig',
      'fail CaptureOff',
      'fail NoCapture',
    ]));

  it('sagemaker-model-package-group-not-public parses JSON-string and object policies', () => {
    const t = tpl(`  Private:
    Type: AWS::SageMaker::ModelPackageGroup
    Properties:
      ModelPackageGroupName: a
      ModelPackageGroupPolicy:
        Statement: [{ Effect: Allow, Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: sagemaker:DescribeModelPackage, Resource: "*" }]
  OrgOnly:
    Type: AWS::SageMaker::ModelPackageGroup
    Properties:
      ModelPackageGroupName: b
      ModelPackageGroupPolicy:
        Statement: [{ Effect: Allow, Principal: "*", Action: sagemaker:DescribeModelPackage, Resource: "*", Condition: { StringEquals: { aws:PrincipalOrgID: o-1 } } }]
  Public:
    Type: AWS::SageMaker::ModelPackageGroup
    Properties:
      ModelPackageGroupName: c
      ModelPackageGroupPolicy: '{"Statement":[{"Effect":"Allow","Principal":{"AWS":["*"]},"Action":"sagemaker:*","Resource":"*"}]}'
  NoPolicy:
    Type: AWS::SageMaker::ModelPackageGroup
    Properties: { ModelPackageGroupName: d }
`);
    expect(verdicts(t, sagemakerModelPackageGroupNotPublic)).toEqual(['pass Private', 'pass OrgOnly', 'fail Public']);
  });
});

describe('monitoring and processing job rules', () => {
  const jobs = tpl(`  Strict:
    Type: AWS::SageMaker::DataQualityJobDefinition
    Properties:
      RoleArn: r
      DataQualityAppSpecification: { ImageUri: i }
      DataQualityJobInput: { EndpointInput: { EndpointName: e, LocalPath: /in } }
      DataQualityJobOutputConfig: { KmsKeyId: k, MonitoringOutputs: [] }
      JobResources: { ClusterConfig: { InstanceCount: 1, InstanceType: ml.m5.large, VolumeSizeInGB: 20, VolumeKmsKeyId: k } }
      NetworkConfig:
        EnableNetworkIsolation: "true"
        EnableInterContainerTrafficEncryption: true
        VpcConfig: { Subnets: [!Ref SubnetA], SecurityGroupIds: [!Ref Sg] }
  Loose:
    Type: AWS::SageMaker::ModelBiasJobDefinition
    Properties:
      RoleArn: r
      ModelBiasJobOutputConfig: { MonitoringOutputs: [] }
      JobResources: { ClusterConfig: { InstanceCount: 2, InstanceType: ml.m5.large, VolumeSizeInGB: 20 } }
      NetworkConfig: { EnableNetworkIsolation: false, EnableInterContainerTrafficEncryption: "false" }
  InlineSchedule:
    Type: AWS::SageMaker::MonitoringSchedule
    Properties:
      MonitoringScheduleName: s
      MonitoringScheduleConfig:
        MonitoringJobDefinition:
          RoleArn: r
          MonitoringAppSpecification: { ImageUri: i }
          MonitoringInputs: []
          MonitoringOutputConfig: { KmsKeyId: k, MonitoringOutputs: [] }
          MonitoringResources: { ClusterConfig: { InstanceCount: 1, InstanceType: ml.m5.large, VolumeSizeInGB: 20 } }
          NetworkConfig: { EnableNetworkIsolation: true, EnableInterContainerTrafficEncryption: true }
  NamedSchedule:
    Type: AWS::SageMaker::MonitoringSchedule
    Properties:
      MonitoringScheduleName: n
      MonitoringScheduleConfig: { MonitoringJobDefinitionName: !GetAtt Strict.JobDefinitionArn, MonitoringType: DataQuality }
  NoOutputs:
    Type: AWS::SageMaker::ProcessingJob
    Properties:
      RoleArn: r
      AppSpecification: { ImageUri: i }
      ProcessingResources: { ClusterConfig: { InstanceCount: 1, InstanceType: ml.m5.large, VolumeSizeInGB: 20, VolumeKmsKeyId: k } }
`);
  it('sagemaker-monitoring-job-network-isolation', () =>
    expect(verdicts(jobs, sagemakerMonitoringJobNetworkIsolation)).toEqual([
      'pass Strict',
      'fail Loose',
      'pass InlineSchedule',
      'fail NoOutputs',
    ]));
  it('sagemaker-monitoring-job-inter-container-encryption reads string booleans', () =>
    expect(verdicts(jobs, sagemakerMonitoringJobInterContainerEncryption)).toEqual([
      'pass Strict',
      'fail Loose',
      'pass InlineSchedule',
      'fail NoOutputs',
    ]));
  it('sagemaker-monitoring-job-volume-kms', () =>
    expect(verdicts(jobs, sagemakerMonitoringJobVolumeKms)).toEqual([
      'pass Strict',
      'fail Loose',
      'fail InlineSchedule',
      'pass NoOutputs',
    ]));
  it('sagemaker-monitoring-job-output-kms skips processing jobs without outputs', () =>
    expect(verdicts(jobs, sagemakerMonitoringJobOutputKms)).toEqual([
      'pass Strict',
      'fail Loose',
      'pass InlineSchedule',
    ]));
  it('sagemaker-monitoring-job-vpc', () =>
    expect(verdicts(jobs, sagemakerMonitoringJobVpc)).toEqual([
      'pass Strict',
      'fail Loose',
      'fail InlineSchedule',
      'fail NoOutputs',
    ]));
  it('points a finding at the nearest declared property', () => {
    const f = runRules(jobs, [sagemakerMonitoringJobVolumeKms]).find((x) => x.resource.id === 'InlineSchedule')!;
    const line = jobs.split('\n').findIndex((l) => l.includes('MonitoringResources:')) + 1;
    expect(f.resource.line).toBe(line);
  });
});

describe('pipeline rules', () => {
  const processing = (args: string) => `{"Name":"Prep","Type":"Processing","Arguments":{${args}}}`;
  const training = (args: string) => `{"Name":"Train","Type":"Training","Arguments":{${args}}}`;
  const t = tpl(
    pipeline('Good', [
      processing(
        '"NetworkConfig":{"EnableNetworkIsolation":true,"EnableInterContainerTrafficEncryption":true,"VpcConfig":{"Subnets":["${SubnetA}"],"SecurityGroupIds":["${Sg}"]}},"ProcessingResources":{"ClusterConfig":{"VolumeKmsKeyId":"${Key}"}},"ProcessingOutputConfig":{"KmsKeyId":"${Key}","Outputs":[]}',
      ),
      training('"VpcConfig":{"Subnets":["${SubnetA}"],"SecurityGroupIds":["${Sg}"]}'),
      '{"Name":"Register","Type":"RegisterModel","Arguments":{}}',
    ]) +
      pipeline('Leaky', [
        processing('"ProcessingOutputConfig":{"Outputs":[]}'),
        training('"VpcConfig":{"Subnets":[]}'),
      ]) +
      pipeline('NoOutputs', [
        processing(
          '"NetworkConfig":{"EnableNetworkIsolation":"true","EnableInterContainerTrafficEncryption":"true"},"ProcessingResources":{"ClusterConfig":{"VolumeKmsKeyId":"k"}}',
        ),
      ]) +
      `  FromS3:
    Type: AWS::SageMaker::Pipeline
    Properties:
      PipelineName: s3
      RoleArn: r
      PipelineDefinition: { PipelineDefinitionS3Location: { Bucket: b, Key: k } }
`,
  );
  it('sagemaker-pipeline-processing-isolation lists every gap', () => {
    expect(verdicts(t, sagemakerPipelineProcessingIsolation)).toEqual(['pass Good', 'fail Leaky', 'pass NoOutputs']);
    const f = runRules(t, [sagemakerPipelineProcessingIsolation]).find((x) => x.status === 'fail')!;
    expect(f.evidence?.gaps).toEqual([
      'Prep: EnableNetworkIsolation is not true',
      'Prep: inter-container traffic is not encrypted',
      'Prep: volume has no VolumeKmsKeyId',
      'Prep: output has no KmsKeyId',
    ]);
  });
  it('sagemaker-pipeline-vpc checks training and processing steps', () => {
    expect(verdicts(t, sagemakerPipelineVpc)).toEqual(['pass Good', 'fail Leaky', 'fail NoOutputs']);
    const f = runRules(t, [sagemakerPipelineVpc]).find((x) => x.resource.id === 'Leaky')!;
    expect(f.evidence?.steps).toEqual(['Prep', 'Train']);
  });
  it('sagemaker-model-registry-in-use wants a RegisterModel step after training', () =>
    expect(verdicts(t, sagemakerModelRegistryInUse)).toEqual(['pass Good', 'fail Leaky']));
  it('says whether a model package group is declared', () => {
    const withGroup = `${t}  Group:\n    Type: AWS::SageMaker::ModelPackageGroup\n    Properties: { ModelPackageGroupName: g }\n`;
    const msg = (text: string) =>
      runRules(text, [sagemakerModelRegistryInUse]).find((x) => x.status === 'fail')!.message;
    expect(msg(t)).toMatch(/no model package group is declared/);
    expect(msg(withGroup)).not.toMatch(/no model package group/);
  });
});

describe('execution role rules', () => {
  const trust = (service: string) =>
    `AssumeRolePolicyDocument: { Statement: [{ Effect: Allow, Principal: { Service: ${service} }, Action: sts:AssumeRole }] }`;
  const roles = tpl(`  SharedRole:
    Type: AWS::IAM::Role
    Properties:
      ${trust('sagemaker.amazonaws.com')}
  NotebookOnlyRole:
    Type: AWS::IAM::Role
    Properties:
      ${trust('[sagemaker.amazonaws.com]')}
  UnusedRole:
    Type: AWS::IAM::Role
    Properties:
      ${trust('lambda.amazonaws.com')}
  Nb1:
    Type: AWS::SageMaker::NotebookInstance
    Properties: { InstanceType: ml.t3.medium, RoleArn: !GetAtt NotebookOnlyRole.Arn }
  Nb2:
    Type: AWS::SageMaker::NotebookInstance
    Properties: { InstanceType: ml.t3.medium, RoleArn: !GetAtt NotebookOnlyRole.Arn }
  Nb3:
    Type: AWS::SageMaker::NotebookInstance
    Properties: { InstanceType: ml.t3.medium, RoleArn: !GetAtt SharedRole.Arn }
  Model:
    Type: AWS::SageMaker::Model
    Properties: { ExecutionRoleArn: !Sub "\${SharedRole.Arn}", PrimaryContainer: { Image: i } }
  Fn:
    Type: AWS::Lambda::Function
    Properties: { Role: !GetAtt UnusedRole.Arn, Code: { ZipFile: x }, Handler: h, Runtime: python3.12 }
`);
  it('sagemaker-execution-role-not-shared fails roles used for several purposes', () => {
    expect(verdicts(roles, sagemakerExecutionRoleNotShared)).toEqual(['fail SharedRole', 'pass NotebookOnlyRole']);
    const f = runRules(roles, [sagemakerExecutionRoleNotShared])[0]!;
    expect(f.message).toMatch(/Nb3 \(notebook\), Model \(hosting\)/);
  });
});
