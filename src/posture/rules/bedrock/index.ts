import type { Rule } from '../../rule.js';
import { bedrockAgentGuardrail } from './bedrock-agent-guardrail.js';
import { bedrockGuardrailPromptAttack } from './bedrock-guardrail-prompt-attack.js';
import { bedrockGuardrailSensitiveInfo } from './bedrock-guardrail-sensitive-info.js';

/** bedrock rules, in evaluation order. */
export const bedrockRules: Rule[] = [
  bedrockAgentGuardrail,
  bedrockGuardrailPromptAttack,
  bedrockGuardrailSensitiveInfo,
];
