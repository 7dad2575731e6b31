import { describe, expect, it } from 'vitest';
import { resourcesOf } from './test-fixtures.js';

describe('account services mapping', () => {
  const acct = resourcesOf('account.plan.json');

  it('maps a GuardDuty detector, its data sources and its protection plans', () => {
    const d = acct('aws_guardduty_detector.main');
    expect(d.type).toBe('AWS::GuardDuty::Detector');
    expect(d.properties).toMatchObject({
      Enable: true,
      DataSources: {
        S3Logs: { Enable: true },
        Kubernetes: { AuditLogs: { Enable: false } },
        MalwareProtection: { ScanEc2InstanceWithFindings: { EbsVolumes: true } },
      },
      Features: [
        {
          Name: 'RUNTIME_MONITORING',
          Status: 'ENABLED',
          AdditionalConfiguration: [{ Name: 'EKS_ADDON_MANAGEMENT', Status: 'ENABLED' }],
        },
        { Name: 'LAMBDA_NETWORK_LOGS', Status: 'DISABLED' },
      ],
    });
  });

  it('maps Security Hub and its standards', () => {
    expect(acct('aws_securityhub_account.main')).toMatchObject({
      type: 'AWS::SecurityHub::Hub',
      properties: { EnableDefaultStandards: false, ControlFindingGenerator: 'SECURITY_CONTROL' },
    });
    const std = acct('aws_securityhub_standards_subscription.fsbp');
    expect(std.type).toBe('AWS::SecurityHub::Standard');
    expect(std.properties.StandardsArn).toMatch(/aws-foundational-security-best-practices/);
    expect(std.dependsOn).toEqual(['aws_securityhub_account.main']);
  });

  it('maps Macie, Access Analyzer, Detective and the Config recorder', () => {
    expect(acct('aws_detective_graph.main')).toMatchObject({
      type: 'AWS::Detective::Graph',
      properties: { Tags: [{ Key: 'team', Value: 'security' }] },
    });
    expect(acct('aws_macie2_account.main')).toMatchObject({
      type: 'AWS::Macie::Session',
      properties: { Status: 'PAUSED' },
    });
    expect(acct('aws_accessanalyzer_analyzer.org')).toMatchObject({
      type: 'AWS::AccessAnalyzer::Analyzer',
      properties: { AnalyzerName: 'org', Type: 'ORGANIZATION' },
    });
    expect(acct('aws_config_configuration_recorder.main')).toMatchObject({
      type: 'AWS::Config::ConfigurationRecorder',
      properties: { RecordingGroup: { AllSupported: true } },
    });
  });
});
