import { fail, pass, type ResourceRule } from '../../rule.js';
import { dig, isSet } from '../../values.js';
import { JOB_TYPES, jobSettings, nearestPath } from './monitoring-jobs.js';

export const sagemakerMonitoringJobVpc: ResourceRule = {
  kind: 'resource',
  id: 'sagemaker-monitoring-job-vpc',
  title: 'SageMaker monitoring and processing jobs run in your VPC',
  severity: 'low',
  resourceTypes: JOB_TYPES,
  controls: ['net-ai-compute-in-vpc'],
  description:
    'NetworkConfig.VpcConfig names subnets and security groups for Model Monitor job definitions, inline monitoring schedules and processing jobs, so their traffic to S3 and the endpoint stays on your network paths (VPC endpoints, flow logs, egress rules).',
  remediation: {
    text: 'Set NetworkConfig.VpcConfig with private Subnets and SecurityGroupIds.',
    cloudformation:
      'NetworkConfig:\n  VpcConfig:\n    Subnets: [!Ref PrivateSubnetA]\n    SecurityGroupIds: [!Ref MonitoringSg]',
    terraform:
      'network_config {\n  vpc_config {\n    subnets            = aws_subnet.private[*].id\n    security_group_ids = [aws_security_group.monitoring.id]\n  }\n}',
  },
  equivalents: {},
  evaluate(job) {
    const s = jobSettings(job);
    if (!s) return undefined;
    const path = [...s.network, 'VpcConfig', 'Subnets'];
    const subnets = dig(job.properties, path);
    const ok = Array.isArray(subnets) ? subnets.length > 0 : isSet(subnets);
    return ok
      ? pass(`${job.id}: the ${s.kind} runs in VPC subnets.`)
      : fail(`${job.id}: the ${s.kind} has no VpcConfig and runs outside your VPC.`, { path: nearestPath(job, path) });
  },
};
