import { fail, pass, type ResourceRule } from '../../rule.js';
import { isSet } from '../../values.js';
import { field } from './fields.js';

export const bedrockCustomModelCmk: ResourceRule = {
  kind: 'resource',
  id: 'bedrock-custom-model-cmk',
  title: 'Bedrock custom (fine-tuned) models are encrypted with a customer managed key',
  severity: 'high',
  resourceTypes: ['aws_bedrock_custom_model'],
  controls: ['dp-bedrock-custom-model-cmk', 'dp-kms-cmk-at-rest'],
  description:
    "A model customisation job names custom_model_kms_key_id, so the fine-tuned weights, which encode the training data, are encrypted with a key the team controls. CloudFormation has no resource for Bedrock custom models or model import, so this rule reads Terraform's aws_bedrock_custom_model; for models created by API or console, check the job's customModelKmsKeyId there.",
  remediation: {
    text: 'Set custom_model_kms_key_id on the customisation job (customModelKmsKeyId in CreateModelCustomizationJob).',
    terraform: 'custom_model_kms_key_id = aws_kms_key.models.arn',
  },
  equivalents: { prowler: ['bedrock_custom_model_encrypted_with_cmk'] },
  evaluate(model) {
    return isSet(field(model.properties, 'customModelKmsKeyId'))
      ? pass(`Custom model ${model.id} is encrypted with a customer managed key.`)
      : fail(`Custom model ${model.id} has no custom_model_kms_key_id; its weights use an AWS owned key.`);
  },
};
