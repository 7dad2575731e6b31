import type { Resource } from '../../graph.js';
import { asArray, asBool, dig } from '../../values.js';
import { accountServiceRule } from './account-service-rule.js';

/** A protection plan AI workloads need, as a detector feature name or its older DataSources switch. */
interface Plan {
  label: string;
  features: string[];
  dataSource?: (string | number)[];
}

const PLANS: Plan[] = [
  { label: 'S3 Protection', features: ['S3_DATA_EVENTS'], dataSource: ['S3Logs', 'Enable'] },
  { label: 'Lambda Protection', features: ['LAMBDA_NETWORK_LOGS'] },
  { label: 'Runtime Monitoring', features: ['RUNTIME_MONITORING', 'EKS_RUNTIME_MONITORING'] },
  {
    label: 'Malware Protection for EC2',
    features: ['EBS_MALWARE_PROTECTION'],
    dataSource: ['MalwareProtection', 'ScanEc2InstanceWithFindings', 'EbsVolumes'],
  },
];

function missingPlans(detector: Resource): string[] {
  const enabled = new Set(
    asArray(detector.properties.Features)
      .filter((f) => String((f as { Status?: unknown })?.Status).toUpperCase() === 'ENABLED')
      .map((f) => String((f as { Name?: unknown }).Name).toUpperCase()),
  );
  return PLANS.filter(
    (p) =>
      !p.features.some((f) => enabled.has(f)) &&
      !(p.dataSource && asBool(dig(detector.properties.DataSources, p.dataSource)) === true),
  ).map((p) => p.label);
}

export const guardDutyProtectionPlans = accountServiceRule({
  id: 'guardduty-protection-plans',
  title: 'GuardDuty protection plans cover the services AI workloads use',
  service: 'GuardDuty (with its protection plans)',
  severity: 'medium',
  resourceTypes: ['AWS::GuardDuty::Detector'],
  controls: ['tdr-guardduty-protection-plans'],
  description:
    'A declared GuardDuty detector enables S3 Protection (S3_DATA_EVENTS, for access to training data and model artifacts), Lambda Protection (LAMBDA_NETWORK_LOGS, for agent tools), Runtime Monitoring (RUNTIME_MONITORING or EKS_RUNTIME_MONITORING, for model servers on ECS, EKS and EC2) and Malware Protection for EC2 (EBS_MALWARE_PROTECTION), through Features or the older DataSources switches. With no detector in the scan the control is reported as not evidenced here.',
  remediation: {
    text: 'List the protection plans in the detector Features with Status ENABLED.',
    cloudformation:
      'Features:\n  - { Name: S3_DATA_EVENTS, Status: ENABLED }\n  - { Name: LAMBDA_NETWORK_LOGS, Status: ENABLED }\n  - { Name: RUNTIME_MONITORING, Status: ENABLED }\n  - { Name: EBS_MALWARE_PROTECTION, Status: ENABLED }',
    terraform:
      'resource "aws_guardduty_detector_feature" "s3" {\n  detector_id = aws_guardduty_detector.this.id\n  name        = "S3_DATA_EVENTS"\n  status      = "ENABLED"\n}',
  },
  equivalents: {
    prowler: [
      'guardduty_s3_protection_enabled',
      'guardduty_lambda_protection_enabled',
      'guardduty_eks_runtime_monitoring_enabled',
      'guardduty_ec2_malware_protection_enabled',
    ],
    securityHub: ['GuardDuty.10', 'GuardDuty.8'],
  },
  check: (r) => {
    const missing = missingPlans(r);
    return missing.length ? `detector does not enable ${missing.join(', ')}` : undefined;
  },
});
