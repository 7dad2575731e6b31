/**
 * Tool calls out of provider responses, into the neutral ToolCall shape the checker takes. Tolerant: a malformed
 * entry is skipped rather than thrown on (the checker cannot judge what it cannot name; the gateway forwards
 * nothing it did not check, see docs/guard-scanners-output.md).
 */
import type { ToolCall } from './tool-call.js';

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** OpenAI Chat Completions: `choices[].message.tool_calls[]` (or a `delta`'s, once a stream is assembled). */
export function toolCallsFromOpenAIMessage(message: unknown): ToolCall[] {
  if (!isObject(message) || !Array.isArray(message.tool_calls)) return [];
  const out: ToolCall[] = [];
  for (const c of message.tool_calls) {
    if (!isObject(c) || !isObject(c.function) || typeof c.function.name !== 'string') continue;
    out.push({ id: String(c.id ?? ''), name: c.function.name, arguments: c.function.arguments ?? '' });
  }
  return out;
}

/** Bedrock Converse: `output.message.content[].toolUse` = `{ toolUseId, name, input }`. */
export function toolCallsFromConverseContent(content: unknown): ToolCall[] {
  if (!Array.isArray(content)) return [];
  const out: ToolCall[] = [];
  for (const block of content) {
    if (!isObject(block) || !isObject(block.toolUse)) continue;
    const use = block.toolUse;
    if (typeof use.name !== 'string') continue;
    out.push({ id: String(use.toolUseId ?? ''), name: use.name, arguments: use.input ?? {} });
  }
  return out;
}
