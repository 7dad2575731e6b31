import { fail, pass, type ResourceRule } from '../../rule.js';
import { asArray, dig } from '../../values.js';

export const sagemakerEndpointMultiInstance: ResourceRule = {
  kind: 'resource',
  id: 'sagemaker-endpoint-multi-instance',
  title: 'SageMaker production variants run more than one instance',
  severity: 'low',
  resourceTypes: ['AWS::SageMaker::EndpointConfig'],
  controls: ['infra-endpoint-multi-instance'],
  description:
    'Each instance-backed production variant has an InitialInstanceCount above one, so SageMaker spreads it across Availability Zones.',
  remediation: {
    text: 'Set InitialInstanceCount to 2 or more on each production variant.',
    cloudformation: 'InitialInstanceCount: 2',
    terraform: 'initial_instance_count = 2',
  },
  equivalents: { prowler: ['sagemaker_endpoint_config_prod_variant_instances'], securityHub: ['SageMaker.4'] },
  evaluate(cfg) {
    const variants = asArray(cfg.properties.ProductionVariants);
    const single = variants
      .map((v, i) => ({
        i,
        name: dig(v, ['VariantName']),
        count: dig(v, ['InitialInstanceCount']),
        serverless: dig(v, ['ServerlessConfig']),
      }))
      .filter((v) => !v.serverless && v.count !== undefined && Number(v.count) < 2);
    if (single.length === 0)
      return variants.length ? pass(`Endpoint config ${cfg.id} runs every variant on 2+ instances.`) : undefined;
    return fail(
      `Endpoint config ${cfg.id}: variant ${String(single[0]!.name ?? single[0]!.i)} runs on ${String(single[0]!.count)} instance.`,
      {
        path: ['ProductionVariants', single[0]!.i, 'InitialInstanceCount'],
      },
    );
  },
};
