import { fail, pass, type ResourceRule } from '../../rule.js';
import { asBool } from '../../values.js';
import { hostedOnlyServerless } from './model-hosting.js';

export const sagemakerModelNetworkIsolation: ResourceRule = {
  kind: 'resource',
  id: 'sagemaker-model-network-isolation',
  title: 'SageMaker model containers run with network isolation',
  severity: 'high',
  resourceTypes: ['AWS::SageMaker::Model'],
  controls: ['net-model-network-isolation'],
  description:
    'EnableNetworkIsolation is true, so the inference container can make no outbound calls and gets no AWS credentials: a compromised or malicious model image cannot exfiltrate prompts, predictions or weights. Models hosted only on serverless endpoints, which do not support isolation, are not evaluated.',
  remediation: {
    text: 'Set EnableNetworkIsolation: true on the model (S3 model data and ECR images are still fetched by SageMaker).',
    cloudformation: 'EnableNetworkIsolation: true',
    terraform: 'enable_network_isolation = true',
  },
  equivalents: {
    checkov: ['CKV_AWS_370'],
    prowler: ['sagemaker_models_network_isolation_enabled'],
    securityHub: ['SageMaker.5'],
  },
  evaluate(model, ctx) {
    if (hostedOnlyServerless(model, ctx.graph)) return undefined;
    const value = ctx.value(model, ['EnableNetworkIsolation']);
    if (asBool(value) === true) return pass(`Model ${model.id} runs network-isolated.`);
    return fail(
      `Model ${model.id} ${value === undefined ? 'does not enable' : `sets EnableNetworkIsolation ${JSON.stringify(value)}, not`} network isolation; its container can reach the network.`,
      { path: value === undefined ? [] : ['EnableNetworkIsolation'] },
    );
  },
};
