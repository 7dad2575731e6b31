import { describe, expect, it } from 'vitest';
import { runRules, verdicts } from '../test-helpers.js';
import { accessAnalyzerEnabled, guardDutyEnabled } from './account/account-services.js';
import { apigwStageWaf } from './apigateway/apigw-stage-waf.js';
import { bedrockAgentGuardrail } from './bedrock/bedrock-agent-guardrail.js';
import { bedrockGuardrailPromptAttack } from './bedrock/bedrock-guardrail-prompt-attack.js';
import { bedrockGuardrailSensitiveInfo } from './bedrock/bedrock-guardrail-sensitive-info.js';
import { cloudtrailKms } from './cloudtrail/cloudtrail-kms.js';
import { cloudtrailLogValidation } from './cloudtrail/cloudtrail-log-validation.js';
import { cloudtrailMultiRegion } from './cloudtrail/cloudtrail-multi-region.js';
import { iamNoWildcardAiActions } from './iam/iam-no-wildcard-ai-actions.js';
import { allRules } from './index.js';
import { logsGroupKms, logsGroupRetention } from './logs/logs-group-kms-retention.js';
import { s3BucketKmsEncryption } from './s3/s3-bucket-kms-encryption.js';
import { s3BucketPublicAccessBlock } from './s3/s3-bucket-public-access-block.js';
import { s3BucketTlsOnly } from './s3/s3-bucket-tls-only.js';
import { s3BucketVersioning } from './s3/s3-bucket-versioning.js';
import { sagemakerEndpointConfigKms } from './sagemaker/sagemaker-endpoint-config-kms.js';
import { sagemakerEndpointMultiInstance } from './sagemaker/sagemaker-endpoint-multi-instance.js';
import { sagemakerNotebookKms } from './sagemaker/sagemaker-notebook-kms.js';
import { sagemakerNotebookNoDirectInternet } from './sagemaker/sagemaker-notebook-no-direct-internet.js';
import { sagemakerNotebookNoRoot } from './sagemaker/sagemaker-notebook-no-root.js';
import { sagemakerTrainingIsolation } from './sagemaker/sagemaker-training-isolation.js';

const tpl = (resources: string, params = '') =>
  `AWSTemplateFormatVersion: "2010-09-09"\n${params}Resources:\n${resources}`;

describe('rule metadata', () => {
  it('has unique readable ids, controls, remediation and resource types', () => {
    const ids = allRules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of allRules) {
      expect(r.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)+$/);
      expect(r.controls.length).toBeGreaterThan(0);
      expect(r.resourceTypes.length).toBeGreaterThan(0);
      expect(r.remediation.text.length).toBeGreaterThan(10);
    }
  });
});

describe('S3 rules', () => {
  const buckets = tpl(`  Good:
    Type: AWS::S3::Bucket
    Properties:
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault: { SSEAlgorithm: aws:kms, KMSMasterKeyID: !Ref Key }
      VersioningConfiguration: { Status: Enabled }
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: "true", IgnorePublicAcls: true, RestrictPublicBuckets: true }
  GoodPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Good
      PolicyDocument:
        Statement:
          - { Effect: Deny, Principal: "*", Action: "s3:*", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } }
  ManagedKey:
    Type: AWS::S3::Bucket
    Properties:
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault: { SSEAlgorithm: aws:kms }
      VersioningConfiguration: { Status: Suspended }
  Bare:
    Type: AWS::S3::Bucket
  BarePolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Bare
      PolicyDocument:
        Statement:
          - { Effect: Allow, Principal: "*", Action: "s3:GetObject", Resource: "*" }
`);
  it('s3-bucket-kms-encryption', () =>
    expect(verdicts(buckets, s3BucketKmsEncryption)).toEqual(['pass Good', 'fail ManagedKey', 'fail Bare']));
  it('s3-bucket-versioning', () =>
    expect(verdicts(buckets, s3BucketVersioning)).toEqual(['pass Good', 'fail ManagedKey', 'fail Bare']));
  it('s3-bucket-public-access-block', () =>
    expect(verdicts(buckets, s3BucketPublicAccessBlock)).toEqual(['pass Good', 'fail ManagedKey', 'fail Bare']));
  it('s3-bucket-tls-only follows the bucket policy edge', () =>
    expect(verdicts(buckets, s3BucketTlsOnly)).toEqual(['pass Good', 'fail ManagedKey', 'fail Bare']));
  it('points the finding at the offending property line', () => {
    const f = runRules(buckets, [s3BucketVersioning]).find((x) => x.resource.id === 'ManagedKey')!;
    expect(f.resource.line).toBe(buckets.split('\n').findIndex((l) => l.includes('Suspended')) + 1);
  });
});

describe('SageMaker rules', () => {
  const nb = tpl(
    `  Locked:
    Type: AWS::SageMaker::NotebookInstance
    Properties: { InstanceType: ml.t3.medium, RoleArn: r, KmsKeyId: k, SubnetId: s, DirectInternetAccess: Disabled, RootAccess: Disabled }
  Open:
    Type: AWS::SageMaker::NotebookInstance
    Properties: { InstanceType: ml.t3.medium, RoleArn: r, SubnetId: s }
  ParamRoot:
    Type: AWS::SageMaker::NotebookInstance
    Properties: { InstanceType: ml.t3.medium, RoleArn: r, RootAccess: !Ref Root }
`,
    'Parameters:\n  Root: { Type: String, Default: Enabled }\n',
  );
  it('sagemaker-notebook-kms', () =>
    expect(verdicts(nb, sagemakerNotebookKms)).toEqual(['pass Locked', 'fail Open', 'fail ParamRoot']));
  it('sagemaker-notebook-no-direct-internet (default is Enabled)', () =>
    expect(verdicts(nb, sagemakerNotebookNoDirectInternet)).toEqual(['pass Locked', 'fail Open', 'fail ParamRoot']));
  it('sagemaker-notebook-no-root resolves parameter defaults', () =>
    expect(verdicts(nb, sagemakerNotebookNoRoot)).toEqual(['pass Locked', 'fail Open', 'fail ParamRoot']));

  const ep = tpl(`  Good:
    Type: AWS::SageMaker::EndpointConfig
    Properties:
      KmsKeyId: k
      ProductionVariants: [{ VariantName: a, InitialInstanceCount: 2, InstanceType: ml.m5.large, ModelName: m }]
  Single:
    Type: AWS::SageMaker::EndpointConfig
    Properties:
      ProductionVariants: [{ VariantName: a, InitialInstanceCount: 1, InstanceType: ml.m5.large, ModelName: m }]
  Serverless:
    Type: AWS::SageMaker::EndpointConfig
    Properties:
      KmsKeyId: k
      ProductionVariants: [{ VariantName: s, ModelName: m, ServerlessConfig: { MaxConcurrency: 1, MemorySizeInMB: 2048 } }]
`);
  it('sagemaker-endpoint-config-kms', () =>
    expect(verdicts(ep, sagemakerEndpointConfigKms)).toEqual(['pass Good', 'fail Single', 'pass Serverless']));
  it('sagemaker-endpoint-multi-instance ignores serverless variants', () =>
    expect(verdicts(ep, sagemakerEndpointMultiInstance)).toEqual(['pass Good', 'fail Single', 'pass Serverless']));

  const step = (args: string) =>
    `{"Version":"2020-12-01","Steps":[{"Name":"T","Type":"Training","Arguments":{${args}}},{"Name":"P","Type":"Processing","Arguments":{}}]}`;
  const pipes = tpl(`  Isolated:
    Type: AWS::SageMaker::Pipeline
    Properties:
      PipelineName: a
      RoleArn: r
      PipelineDefinition:
        PipelineDefinitionBody: !Sub '${step('"EnableNetworkIsolation":true,"EnableInterContainerTrafficEncryption":true,"OutputDataConfig":{"KmsKeyId":"${Key}"},"ResourceConfig":{"VolumeKmsKeyId":"k"}')}'
  Leaky:
    Type: AWS::SageMaker::Pipeline
    Properties:
      PipelineName: b
      RoleArn: r
      PipelineDefinition:
        PipelineDefinitionBody: '${step('"EnableNetworkIsolation":false')}'
  NoTraining:
    Type: AWS::SageMaker::Pipeline
    Properties:
      PipelineName: c
      RoleArn: r
      PipelineDefinition:
        PipelineDefinitionBody: '{"Steps":[]}'
`);
  it('sagemaker-training-isolation reads inline pipeline definitions', () => {
    expect(verdicts(pipes, sagemakerTrainingIsolation)).toEqual(['pass Isolated', 'fail Leaky']);
    const f = runRules(pipes, [sagemakerTrainingIsolation]).find((x) => x.status === 'fail')!;
    expect(f.evidence?.gaps).toHaveLength(4);
  });
});

describe('Bedrock rules', () => {
  const t = tpl(`  Strong:
    Type: AWS::Bedrock::Guardrail
    Properties:
      Name: s
      BlockedInputMessaging: no
      BlockedOutputsMessaging: no
      ContentPolicyConfig:
        FiltersConfig: [{ Type: PROMPT_ATTACK, InputStrength: HIGH, OutputStrength: NONE }]
      SensitiveInformationPolicyConfig:
        PiiEntitiesConfig: [{ Type: EMAIL, Action: ANONYMIZE }]
  Weak:
    Type: AWS::Bedrock::Guardrail
    Properties:
      Name: w
      BlockedInputMessaging: no
      BlockedOutputsMessaging: no
      ContentPolicyConfig:
        FiltersConfig: [{ Type: PROMPT_ATTACK, InputStrength: LOW, OutputStrength: NONE }]
  None:
    Type: AWS::Bedrock::Guardrail
    Properties: { Name: n, BlockedInputMessaging: no, BlockedOutputsMessaging: no }
  Guarded:
    Type: AWS::Bedrock::Agent
    Properties: { AgentName: g, GuardrailConfiguration: { GuardrailIdentifier: !GetAtt Strong.GuardrailId, GuardrailVersion: "1" } }
  Unguarded:
    Type: AWS::Bedrock::Agent
    Properties: { AgentName: u }
`);
  it('bedrock-guardrail-prompt-attack-high', () =>
    expect(verdicts(t, bedrockGuardrailPromptAttack)).toEqual(['pass Strong', 'fail Weak', 'fail None']));
  it('bedrock-guardrail-sensitive-info', () =>
    expect(verdicts(t, bedrockGuardrailSensitiveInfo)).toEqual(['pass Strong', 'fail Weak', 'fail None']));
  it('bedrock-agent-guardrail', () =>
    expect(verdicts(t, bedrockAgentGuardrail)).toEqual(['pass Guarded', 'fail Unguarded']));
});

describe('IAM, CloudTrail, API Gateway, logs', () => {
  it('iam-no-wildcard-ai-actions', () => {
    const t = tpl(`  Scoped:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument: { Statement: [{ Effect: Allow, Action: [bedrock:InvokeModel], Resource: "*" }] }
  Wild:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      Policies: [{ PolicyName: p, PolicyDocument: { Statement: { Effect: Allow, Action: "SageMaker:*", Resource: "*" } } }]
  Star:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: s
      PolicyDocument: { Statement: [{ Effect: Allow, Action: "*", Resource: "*" }] }
  DenyOnly:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: d
      PolicyDocument: { Statement: [{ Effect: Deny, Action: "bedrock:*", Resource: "*" }] }
  NoPolicies:
    Type: AWS::IAM::Role
    Properties: { AssumeRolePolicyDocument: {} }
`);
    expect(verdicts(t, iamNoWildcardAiActions)).toEqual(['pass Scoped', 'fail Wild', 'fail Star', 'pass DenyOnly']);
  });

  it('cloudtrail rules', () => {
    const t = tpl(`  Good:
    Type: AWS::CloudTrail::Trail
    Properties: { IsLogging: true, IsMultiRegionTrail: true, EnableLogFileValidation: true, KMSKeyId: k, S3BucketName: b }
  Bad:
    Type: AWS::CloudTrail::Trail
    Properties: { IsLogging: "true", S3BucketName: b }
  Off:
    Type: AWS::CloudTrail::Trail
    Properties: { IsLogging: false, IsMultiRegionTrail: true, S3BucketName: b }
`);
    expect(verdicts(t, cloudtrailLogValidation)).toEqual(['pass Good', 'fail Bad', 'fail Off']);
    expect(verdicts(t, cloudtrailMultiRegion)).toEqual(['pass Good', 'fail Bad', 'fail Off']);
    expect(verdicts(t, cloudtrailKms)).toEqual(['pass Good', 'fail Bad', 'fail Off']);
  });

  it('apigw-stage-waf follows the association edge', () => {
    const t = tpl(`  Protected:
    Type: AWS::ApiGateway::Stage
    Properties: { RestApiId: a, StageName: p }
  Exposed:
    Type: AWS::ApiGateway::Stage
    Properties: { RestApiId: a, StageName: q }
  Assoc:
    Type: AWS::WAFv2::WebACLAssociation
    Properties:
      ResourceArn: !Sub "arn:aws:apigateway:\${AWS::Region}::/restapis/a/stages/\${Protected}"
      WebACLArn: w
`);
    expect(verdicts(t, apigwStageWaf)).toEqual(['pass Protected', 'fail Exposed']);
  });

  it('log group rules', () => {
    const t = tpl(`  Good:
    Type: AWS::Logs::LogGroup
    Properties: { KmsKeyId: k, RetentionInDays: 90 }
  Bad:
    Type: AWS::Logs::LogGroup
`);
    expect(verdicts(t, logsGroupKms)).toEqual(['pass Good', 'fail Bad']);
    expect(verdicts(t, logsGroupRetention)).toEqual(['pass Good', 'fail Bad']);
  });
});

describe('account-level rules', () => {
  it('say "not evidenced here" (skip) when nothing declares the service', () => {
    const f = runRules(tpl('  B:\n    Type: AWS::S3::Bucket\n'), [guardDutyEnabled]);
    expect(f.map((x) => x.status)).toEqual(['skip']);
    expect(f[0]!.message).toMatch(/not evidenced here.*tdr-guardduty-enabled/);
  });
  it('check a declared service', () => {
    const t = tpl(
      '  On:\n    Type: AWS::GuardDuty::Detector\n    Properties: { Enable: true }\n  Off:\n    Type: AWS::GuardDuty::Detector\n    Properties: { Enable: false }\n',
    );
    expect(verdicts(t, guardDutyEnabled)).toEqual(['pass On', 'fail Off']);
    expect(
      verdicts(
        tpl('  A:\n    Type: AWS::AccessAnalyzer::Analyzer\n    Properties: { Type: ACCOUNT }\n'),
        accessAnalyzerEnabled,
      ),
    ).toEqual(['pass A']);
  });
});

describe('inline suppressions', () => {
  const t = (md: string) =>
    tpl(
      `  Nb:\n    Type: AWS::SageMaker::NotebookInstance\n    Metadata:\n${md}\n    Properties: { InstanceType: ml.t3.medium, RoleArn: r }\n`,
    );
  it('honour steward metadata with a reason and keep the finding', () => {
    const f = runRules(
      t('      steward:\n        suppress: [{ rule: sagemaker-notebook-kms, reason: sandbox only }]'),
      [sagemakerNotebookKms],
    );
    expect(f[0]!.status).toBe('fail');
    expect(f[0]!.suppression).toMatchObject({ kind: 'inline', reason: 'sandbox only', source: 'inline.yaml:3' });
  });
  it('refuse a suppression without a reason, and say so', () => {
    const f = runRules(t('      steward:\n        suppress: [{ rule: sagemaker-notebook-kms }]'), [
      sagemakerNotebookKms,
    ]);
    expect(f[0]!.suppression).toBeUndefined();
    expect(f[0]!.message).toMatch(/no reason, so it is not applied/);
  });
  it('honour checkov skip metadata through rule equivalents', () => {
    const f = runRules(t('      checkov:\n        skip: [{ id: CKV_AWS_22, comment: tracked in JIRA-1 }]'), [
      sagemakerNotebookKms,
    ]);
    expect(f[0]!.suppression?.reason).toBe('tracked in JIRA-1 (from checkov metadata)');
  });
  it('ignore a suppression for another rule', () => {
    const f = runRules(t('      steward:\n        suppress: [{ rule: other-rule, reason: x }]'), [
      sagemakerNotebookKms,
    ]);
    expect(f[0]!.suppression).toBeUndefined();
  });
});
