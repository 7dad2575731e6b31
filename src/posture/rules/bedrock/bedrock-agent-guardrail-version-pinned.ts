import { fail, pass, type ResourceRule } from '../../rule.js';
import { dig, isSet } from '../../values.js';

export const bedrockAgentGuardrailVersionPinned: ResourceRule = {
  kind: 'resource',
  id: 'bedrock-agent-guardrail-version-pinned',
  title: 'Bedrock agent uses a numbered guardrail version, not the draft',
  severity: 'medium',
  resourceTypes: ['AWS::Bedrock::Agent'],
  controls: ['app-guardrail-version-pinned', 'pol-change-management-models'],
  description:
    'The guardrail attached to an agent is referenced by a published version number. The DRAFT version (also what an absent version means) changes whenever someone edits the guardrail, so a weakened filter would reach production without review. Agents without a guardrail are reported by bedrock-agent-guardrail.',
  remediation: {
    text: 'Publish the guardrail (AWS::Bedrock::GuardrailVersion) and reference its version number.',
    cloudformation:
      'GuardrailVersion:\n  Type: AWS::Bedrock::GuardrailVersion\n  Properties:\n    GuardrailIdentifier: !Ref Guardrail\n# on the agent:\nGuardrailConfiguration:\n  GuardrailIdentifier: !GetAtt Guardrail.GuardrailId\n  GuardrailVersion: !GetAtt GuardrailVersion.Version',
    terraform:
      'guardrail_configuration {\n  guardrail_identifier = aws_bedrock_guardrail.this.guardrail_id\n  guardrail_version    = aws_bedrock_guardrail_version.this.version\n}',
  },
  equivalents: {},
  evaluate(agent, ctx) {
    if (!isSet(dig(agent.properties, ['GuardrailConfiguration', 'GuardrailIdentifier']))) return undefined;
    const path = ['GuardrailConfiguration', 'GuardrailVersion'];
    const version = ctx.value(agent, path);
    if (!isSet(version) || (typeof version === 'string' && version.toUpperCase() === 'DRAFT'))
      return fail(`Agent ${agent.id} uses the DRAFT guardrail version, which changes with every edit.`, {
        path: isSet(version) ? path : ['GuardrailConfiguration'],
      });
    return pass(
      `Agent ${agent.id} pins guardrail version ${typeof version === 'string' ? version : '(resolved at deploy)'}.`,
    );
  },
};
