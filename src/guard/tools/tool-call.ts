/** A tool call as the model proposed it, provider-neutral (see extract.ts for OpenAI and Bedrock shapes). */
export interface ToolCall {
  id: string;
  name: string;
  /** A JSON string (OpenAI) or an already-parsed value (Bedrock `toolUse.input`). */
  arguments: unknown;
}

export type ToolDecision = 'allow' | 'block' | 'require_approval';

export interface ToolCallVerdict {
  id: string;
  name: string;
  decision: ToolDecision;
  /** Why, one line each; empty when allowed without remark. */
  reasons: string[];
}
