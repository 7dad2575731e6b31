import { fail, pass, type ResourceRule } from '../../rule.js';
import { dig, isSet } from '../../values.js';
import { pipelineSteps } from './pipeline-steps.js';

export const sagemakerTrainingIsolation: ResourceRule = {
  kind: 'resource',
  id: 'sagemaker-training-isolation',
  title: 'SageMaker training steps run network-isolated with encrypted traffic and outputs',
  severity: 'high',
  resourceTypes: ['AWS::SageMaker::Pipeline'],
  controls: ['net-training-network-isolation', 'dp-inter-container-encryption', 'dp-training-output-volume-cmk'],
  description:
    'Every Training step of a SageMaker pipeline sets EnableNetworkIsolation, EnableInterContainerTrafficEncryption, an output KMS key and a volume KMS key, so fine-tuning code cannot exfiltrate data and nothing it writes is stored unencrypted.',
  remediation: {
    text: 'In each Training step set EnableNetworkIsolation: true, EnableInterContainerTrafficEncryption: true, OutputDataConfig.KmsKeyId and ResourceConfig.VolumeKmsKeyId.',
    cloudformation:
      '"EnableNetworkIsolation": true,\n"EnableInterContainerTrafficEncryption": true,\n"OutputDataConfig": { "S3OutputPath": "s3://…", "KmsKeyId": "${TrainingKey.Arn}" },\n"ResourceConfig": { …, "VolumeKmsKeyId": "${TrainingKey.Arn}" }',
    terraform: 'Set the same arguments in the pipeline_definition JSON of aws_sagemaker_pipeline.',
  },
  equivalents: {
    prowler: [
      'sagemaker_training_jobs_network_isolation_enabled',
      'sagemaker_training_jobs_intercontainer_encryption_enabled',
      'sagemaker_training_jobs_volume_and_output_encryption_enabled',
    ],
  },
  evaluate(pipeline) {
    const steps = pipelineSteps(pipeline);
    const training = steps?.filter((s) => s.type === 'Training') ?? [];
    if (training.length === 0) return undefined;
    const gaps: string[] = [];
    for (const s of training) {
      const a = s.arguments;
      if (a.EnableNetworkIsolation !== true) gaps.push(`${s.name}: EnableNetworkIsolation is not true`);
      if (a.EnableInterContainerTrafficEncryption !== true)
        gaps.push(`${s.name}: inter-container traffic is not encrypted`);
      if (!isSet(dig(a, ['OutputDataConfig', 'KmsKeyId']))) gaps.push(`${s.name}: output has no KmsKeyId`);
      if (!isSet(dig(a, ['ResourceConfig', 'VolumeKmsKeyId']))) gaps.push(`${s.name}: volume has no VolumeKmsKeyId`);
    }
    return gaps.length
      ? fail(`Pipeline ${pipeline.id}: ${gaps.join('; ')}.`, { path: ['PipelineDefinition'], evidence: { gaps } })
      : pass(`Pipeline ${pipeline.id}: all ${training.length} training step(s) are isolated and encrypted.`);
  },
};
