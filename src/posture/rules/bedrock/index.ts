import type { Rule } from '../../rule.js';
import { bedrockAgentCmk } from './bedrock-agent-cmk.js';
import { bedrockAgentGuardrail } from './bedrock-agent-guardrail.js';
import { bedrockAgentGuardrailVersionPinned } from './bedrock-agent-guardrail-version-pinned.js';
import { bedrockAgentRoleNotShared } from './bedrock-agent-role-not-shared.js';
import { bedrockCustomModelCmk } from './bedrock-custom-model-cmk.js';
import { bedrockDataSourceCmk } from './bedrock-data-source-cmk.js';
import { bedrockDataSourceDeletionPolicy } from './bedrock-data-source-deletion-policy.js';
import { bedrockGuardrailCmk } from './bedrock-guardrail-cmk.js';
import { bedrockGuardrailContextualGrounding } from './bedrock-guardrail-contextual-grounding.js';
import { bedrockGuardrailDeniedTopics } from './bedrock-guardrail-denied-topics.js';
import { bedrockGuardrailPromptAttack } from './bedrock-guardrail-prompt-attack.js';
import { bedrockGuardrailSensitiveInfo } from './bedrock-guardrail-sensitive-info.js';
import { bedrockInvocationLogEncrypted } from './bedrock-invocation-log-encrypted.js';
import { bedrockInvocationLoggingEnabled } from './bedrock-invocation-logging-enabled.js';
import { bedrockKnowledgeBaseVectorStoreCmk } from './bedrock-knowledge-base-vector-store-cmk.js';
import { bedrockPromptFlowCmk } from './bedrock-prompt-flow-cmk.js';

/** bedrock rules, in evaluation order. */
export const bedrockRules: Rule[] = [
  bedrockAgentGuardrail,
  bedrockGuardrailPromptAttack,
  bedrockGuardrailSensitiveInfo,
  bedrockAgentCmk,
  bedrockAgentGuardrailVersionPinned,
  bedrockAgentRoleNotShared,
  bedrockGuardrailContextualGrounding,
  bedrockGuardrailDeniedTopics,
  bedrockGuardrailCmk,
  bedrockDataSourceCmk,
  bedrockDataSourceDeletionPolicy,
  bedrockKnowledgeBaseVectorStoreCmk,
  bedrockPromptFlowCmk,
  bedrockCustomModelCmk,
  bedrockInvocationLoggingEnabled,
  bedrockInvocationLogEncrypted,
];
