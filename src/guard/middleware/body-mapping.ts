/**
 * Which texts of a request body the input scanners see, and how their guarded versions go back into the body.
 * The default is an OpenAI Chat Completions body (the gateway's own mapping, `requestSlots`); apps with their own
 * shapes pass `extract`/`apply`. Both become TextSlots so redaction and the canary are written back the same way.
 */
import { GatewayError } from '../gateway/errors.js';
import { firstNumber } from '../gateway/limits.js';
import { requestSlots } from '../gateway/routes/openai-chat.js';
import type { TextSlot } from '../gateway/text-slots.js';
import type { Segment } from '../guard-api.js';
import { SEGMENT_ROLES } from '../types.js';

/** A custom request shape: `extract` lists its texts in order, `apply` writes changed texts back into the body. */
export interface BodyMapping<Req> {
  extract(body: Record<string, unknown>, req: Req): readonly Segment[];
  /** Called only when a text changed (redacted, tokenized, canary appended); `segments` match `extract`'s order. */
  apply(body: Record<string, unknown>, segments: Segment[], req: Req): void;
}

/** The texts of one request, and what the limits need to know about it. */
export interface MappedBody {
  slots: TextSlot[];
  /** Completion tokens the request asks for (OpenAI bodies only). */
  maxTokens?: number;
  /** Puts a completion-token cap into the body (OpenAI bodies only). */
  applyCap?: (cap: number) => void;
  /** Writes the slots' texts back into the body when they changed (custom mappings only). */
  commit?: () => void;
}

const ROLES = new Set<string>(SEGMENT_ROLES);

export function mapBody<Req>(
  body: Record<string, unknown>,
  req: Req,
  mapping: BodyMapping<Req> | undefined,
): MappedBody {
  if (!mapping) return openaiBody(body);
  const given = mapping.extract(body, req);
  if (!Array.isArray(given)) throw new Error('the body mapping’s extract() must return an array of segments');
  const segments: Segment[] = given.map((s, i) => {
    if (typeof s?.text !== 'string' || !ROLES.has(s.role)) {
      throw new Error(
        `the body mapping’s extract() returned an invalid segment ${i}: it needs a string text and a role among ${SEGMENT_ROLES.join(', ')}`,
      );
    }
    return { role: s.role, text: s.text };
  });
  return {
    slots: segments.map((s) => ({ holder: s as unknown as Record<string, unknown>, key: 'text', role: s.role })),
    commit: () => mapping.apply(body, segments, req),
  };
}

function openaiBody(body: Record<string, unknown>): MappedBody {
  const messages = body.messages;
  if (!Array.isArray(messages)) {
    throw new GatewayError('invalid_request', "'messages' must be an array of chat messages", { param: 'messages' });
  }
  return {
    slots: requestSlots(messages),
    maxTokens: firstNumber(body.max_completion_tokens, body.max_tokens),
    applyCap: (cap) => {
      body.max_tokens = cap;
    },
  };
}
