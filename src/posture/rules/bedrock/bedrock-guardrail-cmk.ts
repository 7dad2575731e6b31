import { fail, pass, type ResourceRule } from '../../rule.js';
import { isSet } from '../../values.js';

export const bedrockGuardrailCmk: ResourceRule = {
  kind: 'resource',
  id: 'bedrock-guardrail-cmk',
  title: 'Bedrock guardrail is encrypted with a customer managed key',
  severity: 'low',
  resourceTypes: ['AWS::Bedrock::Guardrail'],
  controls: ['dp-kms-cmk-at-rest'],
  description:
    'KmsKeyArn names a customer managed key, so the guardrail definition (denied topics, word lists, regexes that often describe sensitive business rules) is encrypted with a key whose use is logged and can be revoked, and only principals allowed by the key policy can read or change it.',
  remediation: {
    text: 'Set KmsKeyArn to a customer managed key.',
    cloudformation: 'KmsKeyArn: !GetAtt GuardrailKey.Arn',
    terraform: 'kms_key_arn = aws_kms_key.guardrail.arn',
  },
  equivalents: {},
  evaluate(g) {
    return isSet(g.properties.KmsKeyArn)
      ? pass(`Guardrail ${g.id} is encrypted with a customer managed key.`)
      : fail(`Guardrail ${g.id} has no KmsKeyArn; it is encrypted with an AWS owned key.`);
  },
};
