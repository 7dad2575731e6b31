import { fail, pass, type ResourceRule } from '../../rule.js';
import { isSet } from '../../values.js';

/** The key property of each Bedrock resource that stores prompts or conversation state. */
const KEY_PROPERTY: Record<string, { noun: string; property: string }> = {
  'AWS::Bedrock::Prompt': { noun: 'Prompt', property: 'CustomerEncryptionKeyArn' },
  'AWS::Bedrock::Flow': { noun: 'Flow', property: 'CustomerEncryptionKeyArn' },
  'AWS::Bedrock::Session': { noun: 'Session', property: 'EncryptionKeyArn' },
};

export const bedrockPromptFlowCmk: ResourceRule = {
  kind: 'resource',
  id: 'bedrock-prompt-flow-cmk',
  title: 'Bedrock prompts, flows and sessions are encrypted with a customer managed key',
  severity: 'low',
  resourceTypes: Object.keys(KEY_PROPERTY),
  controls: ['dp-kms-cmk-at-rest', 'dp-agent-session-encryption', 'app-system-prompt-protection'],
  description:
    'Prompt Management prompts and Flows (CustomerEncryptionKeyArn) and agent runtime sessions (EncryptionKeyArn) name a customer managed key. They hold system prompts, business logic and conversation state; a CMK keeps them readable only by principals the key policy allows and logs every use.',
  remediation: {
    text: 'Set CustomerEncryptionKeyArn on prompts and flows, and EncryptionKeyArn on sessions.',
    cloudformation: 'CustomerEncryptionKeyArn: !GetAtt PromptKey.Arn',
    terraform: 'customer_encryption_key_arn = aws_kms_key.prompts.arn',
  },
  equivalents: { prowler: ['bedrock_prompt_encrypted_with_cmk'] },
  evaluate(r) {
    const spec = KEY_PROPERTY[r.type];
    if (!spec) return undefined;
    return isSet(r.properties[spec.property])
      ? pass(`${spec.noun} ${r.id} is encrypted with a customer managed key.`)
      : fail(`${spec.noun} ${r.id} has no ${spec.property}; it is encrypted with an AWS owned key.`);
  },
};
