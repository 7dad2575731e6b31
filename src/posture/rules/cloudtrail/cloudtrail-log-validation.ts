import { fail, pass, type ResourceRule } from '../../rule.js';
import { asBool } from '../../values.js';

export const cloudtrailLogValidation: ResourceRule = {
  kind: 'resource',
  id: 'cloudtrail-log-validation',
  title: 'CloudTrail trail validates log file integrity',
  severity: 'medium',
  resourceTypes: ['AWS::CloudTrail::Trail'],
  controls: ['tdr-cloudtrail-log-validation', 'tdr-audit-log-tamper-evident'],
  description:
    'EnableLogFileValidation is true, so digest files prove that the audit trail of model and data access was not altered.',
  remediation: {
    text: 'Set EnableLogFileValidation: true.',
    cloudformation: 'EnableLogFileValidation: true',
    terraform: 'enable_log_file_validation = true',
  },
  equivalents: {
    checkov: ['CKV_AWS_36'],
    cdkNag: ['NIST.800.53.R5-CloudTrailLogFileValidationEnabled', 'HIPAA.Security-CloudTrailLogFileValidationEnabled'],
    prowler: ['cloudtrail_log_file_validation_enabled'],
    securityHub: ['CloudTrail.4'],
  },
  evaluate(t, ctx) {
    return asBool(ctx.value(t, ['EnableLogFileValidation'])) === true
      ? pass(`Trail ${t.id} validates log files.`)
      : fail(`Trail ${t.id} does not enable log file validation.`, { path: ['EnableLogFileValidation'] });
  },
};
