import { fail, pass, type ResourceRule } from '../../rule.js';
import { asArray, dig, isSet } from '../../values.js';
import { pipelineSteps } from './pipeline-steps.js';

export const sagemakerModelRegistryInUse: ResourceRule = {
  kind: 'resource',
  id: 'sagemaker-model-registry-in-use',
  title: 'Trained and hosted SageMaker models go through the Model Registry',
  severity: 'low',
  resourceTypes: ['AWS::SageMaker::Model', 'AWS::SageMaker::Pipeline'],
  controls: ['infra-model-registry-in-use', 'pol-model-lineage', 'pol-approval-before-production'],
  description:
    'A pipeline that trains a model also registers it (a RegisterModel step into a model package group), and a hosted model is created from a registered model package (ModelPackageName on its containers), so every deployed version has lineage and an approval status. Steward fails, at low severity, templates that train or host models outside the registry rather than reporting them as not evidenced: the template is exactly where registry use should be visible. Pipelines defined in S3 are not evaluated.',
  remediation: {
    text: 'Declare an AWS::SageMaker::ModelPackageGroup, add a RegisterModel step after training, and create hosted models from the approved model package (ModelPackageName).',
    cloudformation:
      'ModelGroup:\n  Type: AWS::SageMaker::ModelPackageGroup\n  Properties:\n    ModelPackageGroupName: support-model\n# and on the hosted model:\nPrimaryContainer:\n  ModelPackageName: !Ref ApprovedModelPackageArn',
    terraform:
      'resource "aws_sagemaker_model_package_group" "this" {\n  model_package_group_name = "support-model"\n}\n# aws_sagemaker_model: primary_container { model_package_name = var.approved_model_package_arn }',
  },
  equivalents: {},
  evaluate(r, ctx) {
    const groups = ctx.graph.ofType('AWS::SageMaker::ModelPackageGroup').length;
    if (r.type === 'AWS::SageMaker::Pipeline') {
      const steps = pipelineSteps(r);
      if (!steps?.some((s) => s.type === 'Training')) return undefined;
      return steps.some((s) => s.type === 'RegisterModel')
        ? pass(`Pipeline ${r.id} registers the models it trains.`)
        : fail(
            `Pipeline ${r.id} trains a model but has no RegisterModel step${groups ? '' : ' and no model package group is declared'}; trained versions bypass the Model Registry.`,
            { path: ['PipelineDefinition'] },
          );
    }
    const containers = [r.properties.PrimaryContainer, ...asArray(r.properties.Containers)].filter(
      (c) => c !== undefined,
    );
    return containers.some((c) => isSet(dig(c, ['ModelPackageName'])))
      ? pass(`Model ${r.id} is created from a registered model package.`)
      : fail(
          `Model ${r.id} is built from raw model data or an image, not from a registered model package${groups ? '' : ', and no model package group is declared'}.`,
        );
  },
};
