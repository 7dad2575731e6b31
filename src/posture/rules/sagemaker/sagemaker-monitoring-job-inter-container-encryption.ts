import { fail, pass, type ResourceRule } from '../../rule.js';
import { asBool } from '../../values.js';
import { JOB_TYPES, jobSettings, nearestPath } from './monitoring-jobs.js';

export const sagemakerMonitoringJobInterContainerEncryption: ResourceRule = {
  kind: 'resource',
  id: 'sagemaker-monitoring-job-inter-container-encryption',
  title: 'SageMaker monitoring and processing jobs encrypt traffic between their instances',
  severity: 'medium',
  resourceTypes: JOB_TYPES,
  controls: ['dp-inter-container-encryption'],
  description:
    'NetworkConfig.EnableInterContainerTrafficEncryption is true on Model Monitor job definitions, inline monitoring schedules and processing jobs, so the data a distributed job shuffles between instances is encrypted in transit. As in Checkov, the flag is required even for single-instance jobs, so scaling a job out later cannot silently drop the protection.',
  remediation: {
    text: 'Set NetworkConfig.EnableInterContainerTrafficEncryption: true.',
    cloudformation: 'NetworkConfig:\n  EnableInterContainerTrafficEncryption: true',
    terraform: 'network_config {\n  enable_inter_container_traffic_encryption = true\n}',
  },
  equivalents: {
    checkov: ['CKV_AWS_369'],
    securityHub: ['SageMaker.9', 'SageMaker.10', 'SageMaker.13', 'SageMaker.15'],
  },
  evaluate(job, ctx) {
    const s = jobSettings(job);
    if (!s) return undefined;
    const path = [...s.network, 'EnableInterContainerTrafficEncryption'];
    const value = ctx.value(job, path);
    return asBool(value) === true
      ? pass(`${job.id}: the ${s.kind} encrypts inter-container traffic.`)
      : fail(
          `${job.id}: the ${s.kind} ${value === undefined ? 'does not enable' : `sets ${JSON.stringify(value)} for`} inter-container traffic encryption.`,
          { path: nearestPath(job, path) },
        );
  },
};
