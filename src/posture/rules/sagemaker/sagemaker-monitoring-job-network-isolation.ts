import { fail, pass, type ResourceRule } from '../../rule.js';
import { asBool } from '../../values.js';
import { JOB_TYPES, jobSettings, nearestPath } from './monitoring-jobs.js';

export const sagemakerMonitoringJobNetworkIsolation: ResourceRule = {
  kind: 'resource',
  id: 'sagemaker-monitoring-job-network-isolation',
  title: 'SageMaker monitoring and processing jobs run with network isolation',
  severity: 'medium',
  resourceTypes: JOB_TYPES,
  controls: ['net-training-network-isolation'],
  description:
    'Model Monitor job definitions, monitoring schedules with an inline job and processing jobs set NetworkConfig.EnableNetworkIsolation to true. These containers read captured production traffic and ground truth; isolated, they can neither call out nor use AWS credentials, so a tampered analysis image cannot leak that data.',
  remediation: {
    text: 'Set NetworkConfig.EnableNetworkIsolation: true (SageMaker still stages the inputs and outputs in S3).',
    cloudformation: 'NetworkConfig:\n  EnableNetworkIsolation: true',
    terraform: 'network_config {\n  enable_network_isolation = true\n}',
  },
  equivalents: { securityHub: ['SageMaker.11', 'SageMaker.12', 'SageMaker.14'] },
  evaluate(job, ctx) {
    const s = jobSettings(job);
    if (!s) return undefined;
    const path = [...s.network, 'EnableNetworkIsolation'];
    const value = ctx.value(job, path);
    return asBool(value) === true
      ? pass(`${job.id}: the ${s.kind} runs network-isolated.`)
      : fail(
          `${job.id}: the ${s.kind} ${value === undefined ? 'does not set' : `sets ${JSON.stringify(value)} for`} EnableNetworkIsolation, so its container can reach the network.`,
          { path: nearestPath(job, path) },
        );
  },
};
