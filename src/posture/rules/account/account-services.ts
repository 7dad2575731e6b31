import { asArray, asBool } from '../../values.js';
import { accountServiceRule } from './account-service-rule.js';

export const guardDutyEnabled = accountServiceRule({
  id: 'guardduty-enabled',
  title: 'Amazon GuardDuty is enabled',
  service: 'GuardDuty',
  severity: 'high',
  resourceTypes: ['AWS::GuardDuty::Detector'],
  controls: ['tdr-guardduty-enabled'],
  description:
    'A GuardDuty detector is enabled, watching CloudTrail, VPC flow and DNS logs for credential misuse and exfiltration around AI workloads.',
  remediation: {
    text: 'Declare an AWS::GuardDuty::Detector with Enable: true (or enable it organisation-wide).',
    cloudformation: 'Detector:\n  Type: AWS::GuardDuty::Detector\n  Properties:\n    Enable: true',
    terraform: 'resource "aws_guardduty_detector" "this" { enable = true }',
  },
  equivalents: { checkov: ['CKV_AWS_238'], prowler: ['guardduty_is_enabled'], securityHub: ['GuardDuty.1'] },
  check: (r) => (asBool(r.properties.Enable) === false ? 'detector declared with Enable: false' : undefined),
});

export const securityHubEnabled = accountServiceRule({
  id: 'securityhub-enabled',
  title: 'AWS Security Hub is enabled',
  service: 'Security Hub',
  severity: 'medium',
  resourceTypes: ['AWS::SecurityHub::Hub'],
  controls: ['tdr-security-hub-standards'],
  description: "Security Hub aggregates findings (including Steward's ASFF output) and runs security standards.",
  remediation: {
    text: 'Declare AWS::SecurityHub::Hub and enable standards (AWS::SecurityHub::Standard).',
    cloudformation: 'Hub:\n  Type: AWS::SecurityHub::Hub',
    terraform: 'resource "aws_securityhub_account" "this" {}',
  },
  equivalents: { prowler: ['securityhub_enabled'] },
});

export const macieEnabled = accountServiceRule({
  id: 'macie-enabled',
  title: 'Amazon Macie is enabled for training data discovery',
  service: 'Macie',
  severity: 'medium',
  resourceTypes: ['AWS::Macie::Session'],
  controls: ['tdr-macie-training-data', 'dp-sensitive-data-discovery'],
  description: 'Macie discovers PII in S3 buckets before their contents are used to train or fine-tune a model.',
  remediation: {
    text: 'Declare AWS::Macie::Session with Status ENABLED and run a classification job on training buckets.',
    cloudformation: 'Macie:\n  Type: AWS::Macie::Session\n  Properties:\n    Status: ENABLED',
    terraform: 'resource "aws_macie2_account" "this" {}',
  },
  equivalents: { prowler: ['macie_is_enabled'] },
  check: (r) => (r.properties.Status === 'PAUSED' ? 'Macie session is PAUSED' : undefined),
});

export const accessAnalyzerEnabled = accountServiceRule({
  id: 'access-analyzer-enabled',
  title: 'IAM Access Analyzer is enabled',
  service: 'IAM Access Analyzer',
  severity: 'low',
  resourceTypes: ['AWS::AccessAnalyzer::Analyzer'],
  controls: ['iam-access-analyzer'],
  description: 'An analyzer finds resources (buckets, keys, roles) shared outside the account or organisation.',
  remediation: {
    text: 'Declare AWS::AccessAnalyzer::Analyzer with Type ACCOUNT or ORGANIZATION.',
    cloudformation: 'Analyzer:\n  Type: AWS::AccessAnalyzer::Analyzer\n  Properties:\n    Type: ACCOUNT',
    terraform: 'resource "aws_accessanalyzer_analyzer" "this" { analyzer_name = "account" }',
  },
  equivalents: { prowler: ['accessanalyzer_enabled'], securityHub: ['IAM.28'] },
});

export const detectiveEnabled = accountServiceRule({
  id: 'detective-enabled',
  title: 'Amazon Detective is enabled for investigations',
  service: 'Detective',
  severity: 'low',
  resourceTypes: ['AWS::Detective::Graph'],
  controls: ['tdr-detective'],
  description:
    'A Detective behavior graph collects CloudTrail, VPC flow and GuardDuty data over time, so a finding about a model endpoint or an agent role can be traced back to the principal, IP and earlier activity behind it.',
  remediation: {
    text: 'Declare AWS::Detective::Graph (GuardDuty must be enabled for at least 48 hours first).',
    cloudformation: 'Detective:\n  Type: AWS::Detective::Graph\n  Properties:\n    AutoEnableMembers: true',
    terraform: 'resource "aws_detective_graph" "this" {}',
  },
  equivalents: {},
});

export const configRecorderEnabled = accountServiceRule({
  id: 'config-recorder-enabled',
  title: 'AWS Config records the AI resources',
  service: 'AWS Config',
  severity: 'medium',
  resourceTypes: ['AWS::Config::ConfigurationRecorder'],
  controls: ['infra-config-recorder'],
  description:
    'A configuration recorder records all supported resource types (the default), or at least a list that includes SageMaker or Bedrock types and excludes none of them, so changes to notebooks, endpoints, agents and guardrails keep a history for audits and drift investigations.',
  remediation: {
    text: 'Declare AWS::Config::ConfigurationRecorder with RecordingGroup.AllSupported: true (and a delivery channel).',
    cloudformation:
      'Recorder:\n  Type: AWS::Config::ConfigurationRecorder\n  Properties:\n    RoleARN: !GetAtt ConfigRole.Arn\n    RecordingGroup:\n      AllSupported: true\n      IncludeGlobalResourceTypes: true',
    terraform:
      'resource "aws_config_configuration_recorder" "this" {\n  role_arn = aws_iam_role.config.arn\n  recording_group {\n    all_supported                 = true\n    include_global_resource_types = true\n  }\n}',
  },
  equivalents: {
    checkov: ['CKV2_AWS_45'],
    prowler: ['config_recorder_all_regions_enabled'],
    securityHub: ['Config.1'],
  },
  check: (r) => {
    const group = (r.properties.RecordingGroup ?? {}) as Record<string, unknown>;
    const isAi = (t: unknown) => typeof t === 'string' && /^AWS::(SageMaker|Bedrock|BedrockAgentCore)::/.test(t);
    const excluded = asArray(
      (group.ExclusionByResourceTypes as { ResourceTypes?: unknown } | undefined)?.ResourceTypes,
    );
    if (excluded.some(isAi)) return 'recorder excludes SageMaker or Bedrock resource types';
    if (asBool(group.AllSupported) === false && !asArray(group.ResourceTypes).some(isAi))
      return 'recorder records a selected list of types with no SageMaker or Bedrock type';
    return undefined;
  },
});
