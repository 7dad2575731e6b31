/**
 * The texts of an InvokeModel body, whatever the model family: InvokeModel passes each provider's own JSON
 * (Anthropic Messages, Amazon Nova and Titan, Meta Llama, Mistral, Cohere, AI21…). Rather than one parser per
 * family, a walk collects strings under the keys these formats use for text (`text`, `prompt`, `inputText`,
 * `content`, `system`…; `outputText`, `generation`, `completion`… on output), taking the role from the nearest
 * `role` field, `system`/`preamble` keys, or Anthropic `tool_result` blocks. Binary and configuration subtrees
 * (images, documents, tool schemas, inference settings) are skipped.
 */
import type { Direction, SegmentRole } from '../../types.js';
import { isObject, type TextSlot } from '../text-slots.js';

const INPUT_KEYS = new Set([
  'text',
  'prompt',
  'inputText',
  'content',
  'message',
  'system',
  'preamble',
  'texts',
  'input',
  'query',
]);
const OUTPUT_KEYS = new Set(['text', 'outputText', 'generation', 'completion', 'content']);
const SKIPPED_KEYS = new Set([
  'image',
  'images',
  'source',
  'bytes',
  'data',
  'video',
  'document',
  'tools',
  'toolConfig',
  'tool_choice',
  'toolChoice',
  'toolUse',
  'inferenceConfig',
  'textGenerationConfig',
  'stop_sequences',
  'stopSequences',
  'embedding',
  'embeddings',
  'logprobs',
  'metadata',
  'amazon-bedrock-invocationMetrics',
]);
const ROLES = new Map<string, SegmentRole>([
  ['user', 'user'],
  ['human', 'user'],
  ['assistant', 'assistant'],
  ['model', 'assistant'],
  ['bot', 'assistant'],
  ['chatbot', 'assistant'],
  ['ai', 'assistant'],
  ['system', 'system'],
  ['tool', 'tool'],
  ['function', 'tool'],
  ['ipython', 'tool'],
]);
const MAX_DEPTH = 32;

export function modelTextSlots(doc: unknown, direction: Direction): TextSlot[] {
  const keys = direction === 'input' ? INPUT_KEYS : OUTPUT_KEYS;
  const slots: TextSlot[] = [];
  const walk = (node: unknown, role: SegmentRole, depth: number): void => {
    if (depth > MAX_DEPTH || node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const item of node) walk(item, role, depth + 1);
      return;
    }
    const obj = node as Record<string, unknown>;
    if (obj.type === 'tool_use') return; // a previous call's arguments, checked by the tool policy
    let here = role;
    if (direction === 'input') {
      if (typeof obj.role === 'string') here = ROLES.get(obj.role.toLowerCase()) ?? role;
      if (obj.type === 'tool_result') here = 'tool';
    }
    for (const key in obj) {
      if (SKIPPED_KEYS.has(key)) continue;
      const value = obj[key];
      const keyRole = direction === 'input' && (key === 'system' || key === 'preamble') ? 'system' : here;
      if (typeof value === 'string') {
        if (keys.has(key)) slots.push({ holder: obj, key, role: keyRole });
      } else if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
          const item = value[i];
          if (typeof item === 'string') {
            if (keys.has(key)) slots.push({ holder: value, key: i, role: keyRole });
          } else walk(item, keyRole, depth + 1);
        }
      } else if (isObject(value)) walk(value, keyRole, depth + 1);
    }
  };
  walk(doc, direction === 'input' ? 'user' : 'assistant', 0);
  return slots;
}
