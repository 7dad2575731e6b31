import { fail, pass, type ResourceRule } from '../../rule.js';
import { isSet } from '../../values.js';

export const agentcoreGatewayCmk: ResourceRule = {
  kind: 'resource',
  id: 'agentcore-gateway-cmk',
  title: 'AgentCore gateway is encrypted with a customer managed key',
  severity: 'low',
  resourceTypes: ['AWS::BedrockAgentCore::Gateway'],
  controls: ['dp-kms-cmk-at-rest'],
  description:
    'KmsKeyArn names a customer managed key, so the gateway configuration, including tool definitions and the credentials configuration of its targets, is encrypted with a key the team controls.',
  remediation: {
    text: 'Set KmsKeyArn on the gateway.',
    cloudformation: 'KmsKeyArn: !GetAtt GatewayKey.Arn',
    terraform: 'kms_key_arn = aws_kms_key.gateway.arn',
  },
  equivalents: {},
  evaluate(gw) {
    return isSet(gw.properties.KmsKeyArn)
      ? pass(`Gateway ${gw.id} is encrypted with a customer managed key.`)
      : fail(`Gateway ${gw.id} has no KmsKeyArn; it is encrypted with an AWS owned key.`);
  },
};
