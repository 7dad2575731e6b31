import { fail, pass, type ResourceRule } from '../../rule.js';
import { dig, isSet } from '../../values.js';
import { pipelineSteps } from './pipeline-steps.js';

/** Where each step type keeps its VPC subnets in the pipeline definition JSON. */
const SUBNETS: Record<string, string[]> = {
  Training: ['VpcConfig', 'Subnets'],
  Processing: ['NetworkConfig', 'VpcConfig', 'Subnets'],
};

export const sagemakerPipelineVpc: ResourceRule = {
  kind: 'resource',
  id: 'sagemaker-pipeline-vpc',
  title: 'SageMaker pipeline training and processing steps run in your VPC',
  severity: 'medium',
  resourceTypes: ['AWS::SageMaker::Pipeline'],
  controls: ['net-ai-compute-in-vpc'],
  description:
    'Every Training step sets VpcConfig and every Processing step sets NetworkConfig.VpcConfig with subnets, so the jobs a pipeline launches use your private subnets, security groups and VPC endpoints to reach training data. Pipelines whose definition lives in S3 cannot be read and are not evaluated.',
  remediation: {
    text: 'Add VpcConfig (Training) or NetworkConfig.VpcConfig (Processing) with private Subnets and SecurityGroupIds to each step.',
    cloudformation: '"VpcConfig": { "Subnets": ["${PrivateSubnetA}"], "SecurityGroupIds": ["${TrainingSg}"] }',
    terraform: 'Set the same arguments in the pipeline_definition JSON of aws_sagemaker_pipeline.',
  },
  equivalents: { prowler: ['sagemaker_training_jobs_vpc_settings_configured'] },
  evaluate(pipeline) {
    const steps = pipelineSteps(pipeline)?.filter((s) => SUBNETS[s.type]) ?? [];
    if (steps.length === 0) return undefined;
    const outside = steps.filter((s) => {
      const subnets = dig(s.arguments, SUBNETS[s.type]!);
      return !(Array.isArray(subnets) ? subnets.length > 0 : isSet(subnets));
    });
    return outside.length
      ? fail(
          `Pipeline ${pipeline.id}: ${outside.map((s) => `${s.type.toLowerCase()} step ${s.name}`).join(', ')} ${outside.length === 1 ? 'runs' : 'run'} outside your VPC.`,
          { path: ['PipelineDefinition'], evidence: { steps: outside.map((s) => s.name) } },
        )
      : pass(`Pipeline ${pipeline.id}: all ${steps.length} training/processing step(s) run in VPC subnets.`);
  },
};
