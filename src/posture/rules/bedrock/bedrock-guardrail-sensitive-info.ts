import { fail, pass, type ResourceRule } from '../../rule.js';
import { asArray, dig } from '../../values.js';

export const bedrockGuardrailSensitiveInfo: ResourceRule = {
  kind: 'resource',
  id: 'bedrock-guardrail-sensitive-info',
  title: 'Bedrock guardrail has a sensitive-information filter',
  severity: 'medium',
  resourceTypes: ['AWS::Bedrock::Guardrail'],
  controls: ['app-guardrail-sensitive-info', 'dp-output-pii-redaction'],
  description:
    'The guardrail declares SensitiveInformationPolicyConfig with PII entities or regexes to block or anonymise, so personal data is not echoed back from prompts, documents or the model.',
  remediation: {
    text: 'Add SensitiveInformationPolicyConfig with PiiEntitiesConfig (e.g. EMAIL, PHONE, US_SOCIAL_SECURITY_NUMBER → ANONYMIZE or BLOCK).',
    cloudformation:
      'SensitiveInformationPolicyConfig:\n  PiiEntitiesConfig:\n    - Type: EMAIL\n      Action: ANONYMIZE\n    - Type: US_SOCIAL_SECURITY_NUMBER\n      Action: BLOCK',
    terraform:
      'sensitive_information_policy_config {\n  pii_entities_config {\n    type   = "EMAIL"\n    action = "ANONYMIZE"\n  }\n}',
  },
  equivalents: { prowler: ['bedrock_guardrail_sensitive_information_filter_enabled'] },
  evaluate(g) {
    const cfg = g.properties.SensitiveInformationPolicyConfig;
    const n = asArray(dig(cfg, ['PiiEntitiesConfig'])).length + asArray(dig(cfg, ['RegexesConfig'])).length;
    return n > 0
      ? pass(`Guardrail ${g.id} filters ${n} sensitive-information type(s).`)
      : fail(`Guardrail ${g.id} has no sensitive-information filter.`);
  },
};
