import { fail, pass, type ResourceRule } from '../../rule.js';
import { asArray, dig } from '../../values.js';

export const bedrockGuardrailDeniedTopics: ResourceRule = {
  kind: 'resource',
  id: 'bedrock-guardrail-denied-topics',
  title: 'Bedrock guardrail denies topics outside the intended use',
  severity: 'low',
  resourceTypes: ['AWS::Bedrock::Guardrail'],
  controls: ['app-guardrail-denied-topics', 'pol-intended-use-limitations'],
  description:
    "TopicPolicyConfig declares at least one denied topic, so requests outside the application's documented purpose (legal or medical advice from a support bot, for example) are refused. Which topics to deny depends on the use case; this rule only checks that the team has defined some.",
  remediation: {
    text: 'Add TopicPolicyConfig with DENY topics that describe the out-of-scope uses of the application.',
    cloudformation:
      'TopicPolicyConfig:\n  TopicsConfig:\n    - Name: investment-advice\n      Type: DENY\n      Definition: Recommendations about investing money or choosing financial products.\n      Examples: ["Which stocks should I buy?"]',
    terraform:
      'topic_policy_config {\n  topics_config {\n    name       = "investment-advice"\n    type       = "DENY"\n    definition = "Recommendations about investing money or choosing financial products."\n    examples   = ["Which stocks should I buy?"]\n  }\n}',
  },
  equivalents: {},
  evaluate(g) {
    const topics = asArray(dig(g.properties, ['TopicPolicyConfig', 'TopicsConfig']));
    return topics.length > 0
      ? pass(`Guardrail ${g.id} denies ${topics.length} topic(s).`)
      : fail(`Guardrail ${g.id} denies no topics, so off-purpose requests are answered.`, {
          path: g.properties.TopicPolicyConfig === undefined ? [] : ['TopicPolicyConfig'],
        });
  },
};
