import { fail, pass, type ResourceRule } from '../../rule.js';
import { asBool, dig, isSet } from '../../values.js';
import { pipelineSteps } from './pipeline-steps.js';

export const sagemakerPipelineProcessingIsolation: ResourceRule = {
  kind: 'resource',
  id: 'sagemaker-pipeline-processing-isolation',
  title: 'SageMaker pipeline processing steps run network-isolated with encrypted traffic, volumes and outputs',
  severity: 'high',
  resourceTypes: ['AWS::SageMaker::Pipeline'],
  controls: ['net-training-network-isolation', 'dp-inter-container-encryption', 'dp-training-output-volume-cmk'],
  description:
    'Every Processing step of a pipeline defined inline sets NetworkConfig.EnableNetworkIsolation and EnableInterContainerTrafficEncryption, a VolumeKmsKeyId on its cluster and, when it writes outputs, a KmsKeyId on ProcessingOutputConfig. Processing steps prepare and evaluate training data, so they handle the most sensitive copies of it. Pipelines whose definition lives in S3 cannot be read and are not evaluated.',
  remediation: {
    text: 'In each Processing step set NetworkConfig.EnableNetworkIsolation: true, NetworkConfig.EnableInterContainerTrafficEncryption: true, ProcessingResources.ClusterConfig.VolumeKmsKeyId and ProcessingOutputConfig.KmsKeyId.',
    cloudformation:
      '"NetworkConfig": { "EnableNetworkIsolation": true, "EnableInterContainerTrafficEncryption": true },\n"ProcessingResources": { "ClusterConfig": { …, "VolumeKmsKeyId": "${DataKey.Arn}" } },\n"ProcessingOutputConfig": { "Outputs": […], "KmsKeyId": "${DataKey.Arn}" }',
    terraform: 'Set the same arguments in the pipeline_definition JSON of aws_sagemaker_pipeline.',
  },
  equivalents: {},
  evaluate(pipeline) {
    const processing = pipelineSteps(pipeline)?.filter((s) => s.type === 'Processing') ?? [];
    if (processing.length === 0) return undefined;
    const gaps: string[] = [];
    for (const s of processing) {
      const a = s.arguments;
      if (asBool(dig(a, ['NetworkConfig', 'EnableNetworkIsolation'])) !== true)
        gaps.push(`${s.name}: EnableNetworkIsolation is not true`);
      if (asBool(dig(a, ['NetworkConfig', 'EnableInterContainerTrafficEncryption'])) !== true)
        gaps.push(`${s.name}: inter-container traffic is not encrypted`);
      if (!isSet(dig(a, ['ProcessingResources', 'ClusterConfig', 'VolumeKmsKeyId'])))
        gaps.push(`${s.name}: volume has no VolumeKmsKeyId`);
      if (a.ProcessingOutputConfig !== undefined && !isSet(dig(a, ['ProcessingOutputConfig', 'KmsKeyId'])))
        gaps.push(`${s.name}: output has no KmsKeyId`);
    }
    return gaps.length
      ? fail(`Pipeline ${pipeline.id}: ${gaps.join('; ')}.`, { path: ['PipelineDefinition'], evidence: { gaps } })
      : pass(`Pipeline ${pipeline.id}: all ${processing.length} processing step(s) are isolated and encrypted.`);
  },
};
