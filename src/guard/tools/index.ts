/** Tool-call policy (LLM06): schema, checker, provider extraction and the pending-approval response. */
export { checkToolCalls, compileToolPolicy, overallDecision, type ToolCallChecker } from './check-tool-calls.js';
export { toolCallsFromConverseContent, toolCallsFromOpenAIMessage } from './extract.js';
export { mergeToolsPolicy } from './merge-tools-policy.js';
export {
  newApprovalId,
  type PendingApprovalDetails,
  type PendingApprovalInput,
  pendingApprovalChunks,
  pendingApprovalCompletion,
  pendingApprovalConverse,
  pendingApprovalDetails,
} from './pending-approval.js';
export { type DenyPatterns, DenyPatternsSchema, type ToolsPolicy, ToolsPolicySchema } from './schema.js';
export type { ToolCall, ToolCallVerdict, ToolDecision } from './tool-call.js';
