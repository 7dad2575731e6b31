import { block, many, one, shaped, tagList } from './convert.js';
import type { TfMapping } from './mapping.js';

/** Account-level detection and governance services. */
export const accountMappings: TfMapping[] = [
  {
    tf: 'aws_guardduty_detector',
    cfn: 'AWS::GuardDuty::Detector',
    props: (r) =>
      shaped(r.values, {
        Enable: 'enable',
        FindingPublishingFrequency: 'finding_publishing_frequency',
        DataSources: one('datasources', {
          S3Logs: one('s3_logs', { Enable: 'enable' }),
          Kubernetes: one('kubernetes', { AuditLogs: one('audit_logs', { Enable: 'enable' }) }),
          MalwareProtection: one('malware_protection', {
            ScanEc2InstanceWithFindings: one('scan_ec2_instance_with_findings', {
              EbsVolumes: (s) => block(s.ebs_volumes)?.enable,
            }),
          }),
        }),
        Tags: () => tagList(r.values),
      }),
  },
  {
    // Protection plans are their own resources in Terraform and the detector's Features in CloudFormation.
    tf: 'aws_guardduty_detector_feature',
    merge: (r, plan) => {
      const detector = plan.link(r, 'detector_id', ['aws_guardduty_detector'], ['id']);
      const feature = shaped(r.values, {
        Name: 'name',
        Status: 'status',
        AdditionalConfiguration: many('additional_configuration', { Name: 'name', Status: 'status' }),
      });
      return detector ? [{ parent: detector, props: { Features: [feature] } }] : [];
    },
  },
  {
    tf: 'aws_securityhub_account',
    cfn: 'AWS::SecurityHub::Hub',
    props: (r) =>
      shaped(r.values, {
        EnableDefaultStandards: 'enable_default_standards',
        ControlFindingGenerator: 'control_finding_generator',
        AutoEnableControls: 'auto_enable_controls',
      }),
  },
  {
    tf: 'aws_securityhub_standards_subscription',
    cfn: 'AWS::SecurityHub::Standard',
    props: (r) => shaped(r.values, { StandardsArn: 'standards_arn' }),
  },
  {
    tf: 'aws_macie2_account',
    cfn: 'AWS::Macie::Session',
    props: (r) => shaped(r.values, { Status: 'status', FindingPublishingFrequency: 'finding_publishing_frequency' }),
  },
  {
    tf: 'aws_accessanalyzer_analyzer',
    cfn: 'AWS::AccessAnalyzer::Analyzer',
    props: (r) =>
      shaped(r.values, {
        AnalyzerName: 'analyzer_name',
        // The provider's default analyzer type.
        Type: (s) => (typeof s.type === 'string' && s.type ? s.type : 'ACCOUNT'),
        Tags: () => tagList(r.values),
      }),
  },
  {
    tf: 'aws_config_configuration_recorder',
    cfn: 'AWS::Config::ConfigurationRecorder',
    props: (r) =>
      shaped(r.values, {
        Name: 'name',
        RoleARN: 'role_arn',
        RecordingGroup: one('recording_group', {
          AllSupported: 'all_supported',
          IncludeGlobalResourceTypes: 'include_global_resource_types',
          ResourceTypes: 'resource_types',
        }),
      }),
  },
  {
    tf: 'aws_detective_graph',
    cfn: 'AWS::Detective::Graph',
    props: (r) => shaped(r.values, { Tags: () => tagList(r.values) }),
  },
];
