import { fail, pass, type ResourceRule } from '../../rule.js';
import { isSet } from '../../values.js';

export const bedrockAgentCmk: ResourceRule = {
  kind: 'resource',
  id: 'bedrock-agent-cmk',
  title: 'Bedrock agent is encrypted with a customer managed key',
  severity: 'medium',
  resourceTypes: ['AWS::Bedrock::Agent'],
  controls: ['dp-agent-session-encryption', 'dp-kms-cmk-at-rest'],
  description:
    'CustomerEncryptionKeyArn names a customer managed KMS key, so the agent configuration, its instructions and its session data are encrypted with a key whose policy and audit trail the team controls.',
  remediation: {
    text: 'Set CustomerEncryptionKeyArn to a customer managed key whose policy lets Amazon Bedrock use it.',
    cloudformation: 'CustomerEncryptionKeyArn: !GetAtt AgentKey.Arn',
    terraform: 'customer_encryption_key_arn = aws_kms_key.agent.arn',
  },
  equivalents: { checkov: ['CKV_AWS_373'] },
  evaluate(agent) {
    return isSet(agent.properties.CustomerEncryptionKeyArn)
      ? pass(`Agent ${agent.id} is encrypted with a customer managed key.`)
      : fail(`Agent ${agent.id} has no CustomerEncryptionKeyArn; Bedrock encrypts it with an AWS owned key.`);
  },
};
