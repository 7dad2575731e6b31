import { fail, pass, type ResourceRule } from '../../rule.js';
import { dig, isSet } from '../../values.js';

export const bedrockAgentGuardrail: ResourceRule = {
  kind: 'resource',
  id: 'bedrock-agent-guardrail',
  title: 'Bedrock agent has a guardrail attached',
  severity: 'high',
  resourceTypes: ['AWS::Bedrock::Agent'],
  controls: ['app-bedrock-guardrail-attached', 'app-prompt-injection-detection'],
  description:
    'Every Bedrock agent names a guardrail (GuardrailConfiguration), so prompt attacks, denied topics and sensitive data are filtered on every turn.',
  remediation: {
    text: 'Set GuardrailConfiguration with GuardrailIdentifier and GuardrailVersion.',
    cloudformation:
      'GuardrailConfiguration:\n  GuardrailIdentifier: !GetAtt Guardrail.GuardrailId\n  GuardrailVersion: !GetAtt GuardrailVersion.Version',
    terraform:
      'guardrail_configuration {\n  guardrail_identifier = aws_bedrock_guardrail.this.guardrail_id\n  guardrail_version    = aws_bedrock_guardrail_version.this.version\n}',
  },
  equivalents: { checkov: ['CKV_AWS_383'], prowler: ['bedrock_agent_guardrail_enabled'] },
  evaluate(agent) {
    return isSet(dig(agent.properties, ['GuardrailConfiguration', 'GuardrailIdentifier']))
      ? pass(`Agent ${agent.id} is protected by a guardrail.`)
      : fail(`Agent ${agent.id} has no guardrail: prompts and responses reach the model unfiltered.`);
  },
};
