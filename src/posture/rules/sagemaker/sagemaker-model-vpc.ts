import { fail, pass, type ResourceRule } from '../../rule.js';
import { asArray, dig, isSet } from '../../values.js';
import { hostedOnlyServerless } from './model-hosting.js';

export const sagemakerModelVpc: ResourceRule = {
  kind: 'resource',
  id: 'sagemaker-model-vpc',
  title: 'SageMaker model is attached to your VPC',
  severity: 'medium',
  resourceTypes: ['AWS::SageMaker::Model'],
  controls: ['net-ai-compute-in-vpc'],
  description:
    "VpcConfig names subnets and security groups, so the hosting instances' network interfaces live in your private subnets where security groups, endpoint policies and flow logs apply. Models hosted only on serverless endpoints, which do not support a VPC, are not evaluated.",
  remediation: {
    text: 'Set VpcConfig with private Subnets and SecurityGroupIds.',
    cloudformation:
      'VpcConfig:\n  Subnets: [!Ref PrivateSubnetA, !Ref PrivateSubnetB]\n  SecurityGroupIds: [!Ref ModelSg]',
    terraform:
      'vpc_config {\n  subnets            = aws_subnet.private[*].id\n  security_group_ids = [aws_security_group.model.id]\n}',
  },
  equivalents: { prowler: ['sagemaker_models_vpc_settings_configured'] },
  evaluate(model, ctx) {
    if (hostedOnlyServerless(model, ctx.graph)) return undefined;
    const subnets = dig(model.properties, ['VpcConfig', 'Subnets']);
    const hasSubnets = Array.isArray(subnets) ? subnets.length > 0 : isSet(subnets);
    if (hasSubnets) return pass(`Model ${model.id} runs in VPC subnets.`);
    return fail(`Model ${model.id} has no VpcConfig subnets; its containers run outside your VPC.`, {
      path: model.properties.VpcConfig === undefined ? [] : ['VpcConfig'],
      evidence: { subnets: asArray(subnets).length },
    });
  },
};
