import { describe, expect, it } from 'vitest';
import { bundledCatalog } from '../../../catalog/catalog.js';
import { runRules, verdicts } from '../../test-helpers.js';
import { configRecorderEnabled, detectiveEnabled } from './account-services.js';
import { guardDutyProtectionPlans } from './guardduty-protection-plans.js';
import { accountRules } from './index.js';
import { inspectorAiCompute } from './inspector-ai-compute.js';
import { macieTrainingDataJobs } from './macie-training-data-jobs.js';
import { securityHubStandards } from './securityhub-standards.js';

const tpl = (resources: string) => `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n${resources}`;
const bucketOnly = tpl('  Logs:\n    Type: AWS::S3::Bucket\n');

describe('account rule metadata', () => {
  it('names only catalog controls', () => {
    const known = new Set(bundledCatalog().controls.map((c) => c.id));
    for (const r of accountRules) for (const c of r.controls) expect(known, `${r.id} → ${c}`).toContain(c);
  });
});

describe('guardduty-protection-plans', () => {
  it('reads Features and the older DataSources switches', () => {
    const t = tpl(`  AllPlans:
    Type: AWS::GuardDuty::Detector
    Properties:
      Enable: true
      Features:
        - { Name: S3_DATA_EVENTS, Status: ENABLED }
        - { Name: LAMBDA_NETWORK_LOGS, Status: ENABLED }
        - { Name: EKS_RUNTIME_MONITORING, Status: ENABLED }
        - { Name: EBS_MALWARE_PROTECTION, Status: ENABLED }
  Legacy:
    Type: AWS::GuardDuty::Detector
    Properties:
      Enable: true
      DataSources:
        S3Logs: { Enable: "true" }
        MalwareProtection: { ScanEc2InstanceWithFindings: { EbsVolumes: true } }
      Features:
        - { Name: LAMBDA_NETWORK_LOGS, Status: ENABLED }
        - { Name: RUNTIME_MONITORING, Status: ENABLED }
  Partial:
    Type: AWS::GuardDuty::Detector
    Properties:
      Enable: true
      Features:
        - { Name: S3_DATA_EVENTS, Status: ENABLED }
        - { Name: LAMBDA_NETWORK_LOGS, Status: DISABLED }
`);
    expect(verdicts(t, guardDutyProtectionPlans)).toEqual(['pass AllPlans', 'pass Legacy', 'fail Partial']);
    const f = runRules(t, [guardDutyProtectionPlans]).find((x) => x.resource.id === 'Partial')!;
    expect(f.message).toContain('Lambda Protection');
    expect(f.message).not.toContain('S3 Protection');
  });
  it('is "not evidenced here" without a detector', () =>
    expect(verdicts(bucketOnly, guardDutyProtectionPlans)).toEqual(['skip account']));
});

describe('securityhub-standards-enabled', () => {
  it('passes declared standards', () =>
    expect(
      verdicts(
        tpl(`  Hub:
    Type: AWS::SecurityHub::Hub
    Properties: { EnableDefaultStandards: false }
  Fsbp:
    Type: AWS::SecurityHub::Standard
    Properties: { StandardsArn: arn:aws:securityhub:us-east-1::standards/aws-foundational-security-best-practices/v/1.0.0 }
`),
        securityHubStandards,
      ),
    ).toEqual(['pass Fsbp']));
  it('fails a hub that turns default standards off, passes the default', () =>
    expect(
      verdicts(
        tpl(`  Off:
    Type: AWS::SecurityHub::Hub
    Properties: { EnableDefaultStandards: "false" }
  Default:
    Type: AWS::SecurityHub::Hub
`),
        securityHubStandards,
      ),
    ).toEqual(['fail Off', 'pass Default']));
  it('is "not evidenced here" without a hub or standard', () =>
    expect(verdicts(bucketOnly, securityHubStandards)).toEqual(['skip account']));
});

describe('macie-training-data-jobs', () => {
  it('names the buckets AI resources read, and is silent otherwise', () => {
    const t = tpl(`  Corpus:
    Type: AWS::S3::Bucket
  Logs:
    Type: AWS::S3::Bucket
  Source:
    Type: AWS::Bedrock::DataSource
    Properties:
      KnowledgeBaseId: kb
      Name: docs
      DataSourceConfiguration: { Type: S3, S3Configuration: { BucketArn: !GetAtt Corpus.Arn } }
  Macie:
    Type: AWS::Macie::Session
`);
    const f = runRules(t, [macieTrainingDataJobs]);
    expect(f.map((x) => x.status)).toEqual(['skip']);
    expect(f[0]!.message).toContain('Corpus');
    expect(f[0]!.message).not.toContain('Logs');
    expect(f[0]!.message).toContain('Macie');
    expect(verdicts(bucketOnly, macieTrainingDataJobs)).toEqual([]);
  });
});

describe('inspector-ai-compute', () => {
  it('asks to confirm scanning of the declared compute only when there is some', () => {
    const f = runRules(
      tpl('  Tool:\n    Type: AWS::Lambda::Function\n    Properties: { Role: r, Code: { ZipFile: x } }\n'),
      [inspectorAiCompute],
    );
    expect(f.map((x) => x.status)).toEqual(['skip']);
    expect(f[0]!.message).toContain('Tool');
    expect(verdicts(bucketOnly, inspectorAiCompute)).toEqual([]);
  });
});

describe('detective-enabled and config-recorder-enabled', () => {
  it('detective-enabled passes a declared graph and skips otherwise', () => {
    expect(verdicts(tpl('  Graph:\n    Type: AWS::Detective::Graph\n'), detectiveEnabled)).toEqual(['pass Graph']);
    expect(verdicts(bucketOnly, detectiveEnabled)).toEqual(['skip account']);
  });
  it('config-recorder-enabled fails recorders that leave AI types out', () => {
    const t = tpl(`  All:
    Type: AWS::Config::ConfigurationRecorder
    Properties: { RoleARN: r }
  Selected:
    Type: AWS::Config::ConfigurationRecorder
    Properties: { RoleARN: r, RecordingGroup: { AllSupported: false, ResourceTypes: [AWS::S3::Bucket] } }
  SelectedAi:
    Type: AWS::Config::ConfigurationRecorder
    Properties: { RoleARN: r, RecordingGroup: { AllSupported: false, ResourceTypes: [AWS::SageMaker::Model] } }
  Excluding:
    Type: AWS::Config::ConfigurationRecorder
    Properties:
      RoleARN: r
      RecordingGroup:
        AllSupported: false
        RecordingStrategy: { UseOnly: EXCLUSION_BY_RESOURCE_TYPES }
        ExclusionByResourceTypes: { ResourceTypes: [AWS::SageMaker::NotebookInstance] }
`);
    expect(verdicts(t, configRecorderEnabled)).toEqual([
      'pass All',
      'fail Selected',
      'pass SelectedAi',
      'fail Excluding',
    ]);
  });
});
