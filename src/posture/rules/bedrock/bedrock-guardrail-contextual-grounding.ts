import { fail, pass, type ResourceRule } from '../../rule.js';
import { asArray, asBool, dig } from '../../values.js';

const REQUIRED = ['GROUNDING', 'RELEVANCE'] as const;

export const bedrockGuardrailContextualGrounding: ResourceRule = {
  kind: 'resource',
  id: 'bedrock-guardrail-contextual-grounding',
  title: 'Bedrock guardrail checks grounding and relevance of answers',
  severity: 'medium',
  resourceTypes: ['AWS::Bedrock::Guardrail'],
  controls: ['app-guardrail-contextual-grounding', 'app-grounding-and-disclaimers'],
  description:
    'ContextualGroundingPolicyConfig has both a GROUNDING and a RELEVANCE filter that are not disabled, do not only report (Action NONE) and have a threshold above 0, so answers that are not supported by the retrieved sources, or that do not address the question, are blocked instead of reaching users as confident hallucinations.',
  remediation: {
    text: 'Add GROUNDING and RELEVANCE filters (threshold around 0.7–0.85, Action BLOCK) to ContextualGroundingPolicyConfig.',
    cloudformation:
      'ContextualGroundingPolicyConfig:\n  FiltersConfig:\n    - { Type: GROUNDING, Threshold: 0.8, Action: BLOCK }\n    - { Type: RELEVANCE, Threshold: 0.7, Action: BLOCK }',
    terraform:
      'contextual_grounding_policy_config {\n  filters_config {\n    type      = "GROUNDING"\n    threshold = 0.8\n  }\n  filters_config {\n    type      = "RELEVANCE"\n    threshold = 0.7\n  }\n}',
  },
  equivalents: { prowler: ['bedrock_guardrail_contextual_grounding_filter_enabled'] },
  evaluate(g) {
    const filters = asArray(dig(g.properties, ['ContextualGroundingPolicyConfig', 'FiltersConfig']));
    const gaps: string[] = [];
    let path: (string | number)[] | undefined;
    for (const type of REQUIRED) {
      const i = filters.findIndex((f) => dig(f, ['Type']) === type);
      const f = filters[i];
      const gap =
        i < 0
          ? `no ${type} filter`
          : asBool(dig(f, ['Enabled'])) === false
            ? `${type} filter is disabled`
            : dig(f, ['Action']) === 'NONE'
              ? `${type} filter only reports (Action NONE)`
              : Number(dig(f, ['Threshold'])) <= 0
                ? `${type} filter has threshold 0, which never triggers`
                : undefined;
      if (gap) {
        gaps.push(gap);
        path ??=
          i < 0
            ? filters.length
              ? ['ContextualGroundingPolicyConfig']
              : []
            : ['ContextualGroundingPolicyConfig', 'FiltersConfig', i];
      }
    }
    return gaps.length
      ? fail(`Guardrail ${g.id}: ${gaps.join('; ')}.`, { path: path ?? [], evidence: { gaps } })
      : pass(`Guardrail ${g.id} blocks ungrounded and irrelevant answers.`);
  },
};
