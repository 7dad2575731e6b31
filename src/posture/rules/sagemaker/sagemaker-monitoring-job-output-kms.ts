import { fail, pass, type ResourceRule } from '../../rule.js';
import { dig, isSet } from '../../values.js';
import { JOB_TYPES, jobSettings, nearestPath } from './monitoring-jobs.js';

export const sagemakerMonitoringJobOutputKms: ResourceRule = {
  kind: 'resource',
  id: 'sagemaker-monitoring-job-output-kms',
  title: 'SageMaker monitoring and processing jobs encrypt their outputs with a KMS key',
  severity: 'medium',
  resourceTypes: JOB_TYPES,
  controls: ['dp-training-output-volume-cmk', 'dp-kms-cmk-at-rest'],
  description:
    'The output configuration of Model Monitor job definitions, inline monitoring schedules and processing jobs names a KmsKeyId, so reports, statistics and violations written to S3 (which quote production data) are encrypted with a customer managed key. Processing jobs without outputs are not evaluated.',
  remediation: {
    text: 'Set KmsKeyId in the job output configuration (…JobOutputConfig, MonitoringOutputConfig or ProcessingOutputConfig).',
    cloudformation:
      'DataQualityJobOutputConfig:\n  KmsKeyId: !Ref MonitoringKey\n  MonitoringOutputs:\n    - S3Output: { S3Uri: !Sub "s3://${ReportsBucket}/dq", LocalPath: /opt/ml/processing/output }',
    terraform: 'data_quality_job_output_config {\n  kms_key_id = aws_kms_key.monitoring.arn\n}',
  },
  equivalents: { checkov: ['CKV_AWS_367'] },
  evaluate(job) {
    const s = jobSettings(job);
    if (!s?.outputKms) return undefined;
    return isSet(dig(job.properties, s.outputKms))
      ? pass(`${job.id}: the ${s.kind} encrypts its outputs with a KMS key.`)
      : fail(`${job.id}: the ${s.kind} writes its outputs without a KmsKeyId.`, {
          path: nearestPath(job, s.outputKms),
        });
  },
};
