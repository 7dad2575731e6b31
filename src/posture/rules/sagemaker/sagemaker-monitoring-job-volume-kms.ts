import { fail, pass, type ResourceRule } from '../../rule.js';
import { dig, isSet } from '../../values.js';
import { JOB_TYPES, jobSettings, nearestPath } from './monitoring-jobs.js';

export const sagemakerMonitoringJobVolumeKms: ResourceRule = {
  kind: 'resource',
  id: 'sagemaker-monitoring-job-volume-kms',
  title: 'SageMaker monitoring and processing jobs encrypt their ML storage volumes with a KMS key',
  severity: 'medium',
  resourceTypes: JOB_TYPES,
  controls: ['dp-training-output-volume-cmk', 'dp-kms-cmk-at-rest'],
  description:
    'The cluster configuration of Model Monitor job definitions, inline monitoring schedules and processing jobs names a VolumeKmsKeyId, so the captured requests and predictions staged on the instance volumes are encrypted with a customer managed key.',
  remediation: {
    text: 'Set VolumeKmsKeyId in the ClusterConfig of JobResources (MonitoringResources or ProcessingResources).',
    cloudformation:
      'JobResources:\n  ClusterConfig:\n    InstanceCount: 1\n    InstanceType: ml.m5.xlarge\n    VolumeSizeInGB: 20\n    VolumeKmsKeyId: !Ref MonitoringKey',
    terraform: 'job_resources {\n  cluster_config {\n    volume_kms_key_id = aws_kms_key.monitoring.arn\n  }\n}',
  },
  equivalents: { checkov: ['CKV_AWS_368'] },
  evaluate(job) {
    const s = jobSettings(job);
    if (!s) return undefined;
    return isSet(dig(job.properties, s.volumeKms))
      ? pass(`${job.id}: the ${s.kind} encrypts its volumes with a KMS key.`)
      : fail(`${job.id}: the ${s.kind} has no VolumeKmsKeyId for its storage volumes.`, {
          path: nearestPath(job, s.volumeKms),
        });
  },
};
