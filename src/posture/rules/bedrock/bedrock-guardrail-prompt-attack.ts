import { fail, pass, type ResourceRule } from '../../rule.js';
import { asArray, dig } from '../../values.js';

export const bedrockGuardrailPromptAttack: ResourceRule = {
  kind: 'resource',
  id: 'bedrock-guardrail-prompt-attack-high',
  title: 'Bedrock guardrail filters prompt attacks at HIGH strength',
  severity: 'high',
  resourceTypes: ['AWS::Bedrock::Guardrail'],
  controls: ['app-guardrail-prompt-attack-high', 'app-prompt-injection-detection'],
  description:
    'The guardrail content policy has a PROMPT_ATTACK filter with InputStrength HIGH, the setting AWS recommends against jailbreaks and prompt injection.',
  remediation: {
    text: 'Add a PROMPT_ATTACK filter with InputStrength HIGH (OutputStrength NONE) to ContentPolicyConfig.FiltersConfig.',
    cloudformation:
      'ContentPolicyConfig:\n  FiltersConfig:\n    - Type: PROMPT_ATTACK\n      InputStrength: HIGH\n      OutputStrength: NONE',
    terraform:
      'content_policy_config {\n  filters_config {\n    type            = "PROMPT_ATTACK"\n    input_strength  = "HIGH"\n    output_strength = "NONE"\n  }\n}',
  },
  equivalents: { prowler: ['bedrock_guardrail_prompt_attack_filter_enabled'] },
  evaluate(g) {
    const filters = asArray(dig(g.properties, ['ContentPolicyConfig', 'FiltersConfig']));
    const i = filters.findIndex((f) => dig(f, ['Type']) === 'PROMPT_ATTACK');
    if (i < 0)
      return fail(`Guardrail ${g.id} has no PROMPT_ATTACK filter.`, {
        path: filters.length ? ['ContentPolicyConfig'] : [],
      });
    const strength = dig(filters[i], ['InputStrength']);
    return strength === 'HIGH'
      ? pass(`Guardrail ${g.id} filters prompt attacks at HIGH.`)
      : fail(`Guardrail ${g.id} filters prompt attacks at ${String(strength ?? 'no')} strength, not HIGH.`, {
          path: ['ContentPolicyConfig', 'FiltersConfig', i, 'InputStrength'],
        });
  },
};
