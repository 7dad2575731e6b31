import { fail, pass, type ResourceRule } from '../../rule.js';
import { isSet } from '../../values.js';

export const agentcoreMemoryCmk: ResourceRule = {
  kind: 'resource',
  id: 'agentcore-memory-cmk',
  title: 'AgentCore memory is encrypted with a customer managed key',
  severity: 'medium',
  resourceTypes: ['AWS::BedrockAgentCore::Memory'],
  controls: ['dp-agent-session-encryption', 'dp-kms-cmk-at-rest'],
  description:
    'EncryptionKeyArn names a customer managed key, so the conversation events and the long-term memories extracted from them (user preferences, facts, summaries, often personal data) are encrypted with a key whose use is logged and can be revoked.',
  remediation: {
    text: 'Set EncryptionKeyArn on the memory.',
    cloudformation: 'EncryptionKeyArn: !GetAtt MemoryKey.Arn',
    terraform: 'encryption_key_arn = aws_kms_key.memory.arn',
  },
  equivalents: {},
  evaluate(memory) {
    return isSet(memory.properties.EncryptionKeyArn)
      ? pass(`Memory ${memory.id} is encrypted with a customer managed key.`)
      : fail(`Memory ${memory.id} has no EncryptionKeyArn; conversation memory uses an AWS owned key.`);
  },
};
