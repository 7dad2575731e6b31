import { fail, pass, type ResourceRule } from '../../rule.js';
import { isSet } from '../../values.js';

export const sagemakerEndpointConfigKms: ResourceRule = {
  kind: 'resource',
  id: 'sagemaker-endpoint-config-kms',
  title: 'SageMaker endpoint configuration encrypts its storage with a KMS key',
  severity: 'medium',
  resourceTypes: ['AWS::SageMaker::EndpointConfig'],
  controls: ['dp-kms-cmk-at-rest'],
  description: 'The ML storage volumes attached to hosting instances are encrypted with a customer managed key.',
  remediation: {
    text: 'Set KmsKeyId on the endpoint configuration.',
    cloudformation: 'KmsKeyId: !Ref EndpointKey',
    terraform: 'kms_key_arn = aws_kms_key.endpoint.arn',
  },
  equivalents: {
    checkov: ['CKV_AWS_98'],
    cdkNag: [
      'AwsSolutions-SM2',
      'NIST.800.53.R5-SageMakerEndpointConfigurationKMSKeyConfigured',
      'HIPAA.Security-SageMakerEndpointConfigurationKMSKeyConfigured',
    ],
    cfnNag: ['W1200'],
    prowler: ['sagemaker_endpoint_config_kms_encryption_enabled'],
    securityHub: [],
  },
  evaluate(cfg) {
    return isSet(cfg.properties.KmsKeyId)
      ? pass(`Endpoint config ${cfg.id} uses a KMS key.`)
      : fail(`Endpoint config ${cfg.id} has no KmsKeyId.`);
  },
};
