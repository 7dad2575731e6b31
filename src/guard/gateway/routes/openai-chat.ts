/**
 * `POST /v1/chat/completions` (OpenAI Chat Completions, as the official SDKs and compatible servers speak it):
 * input scanners on the messages, the request forwarded to `<upstream>/chat/completions`, output scanners and tool
 * checks on the answer, tokens restored. `stream: true` answers go through OpenAIStreamRelay.
 */
import { pendingApprovalCompletion, type ToolCall, toolCallsFromOpenAIMessage } from '../../tools/index.js';
import type { SegmentRole } from '../../types.js';
import { parseAnswerObject } from '../answer-json.js';
import { readJsonRequest } from '../body.js';
import { GatewayError } from '../errors.js';
import { type Exchange, positiveOr } from '../exchange.js';
import type { GatewayRequest, GatewayResponse } from '../http-types.js';
import { admit, firstNumber } from '../limits.js';
import { type GatewayRuntime, sendJson } from '../runtime.js';
import { inspectAnswerTexts, inspectRequestTexts } from '../text-inspection.js';
import { isObject, slotText, type TextSlot } from '../text-slots.js';
import { checkToolCalls, toolChecker } from '../tool-checks.js';
import { DEFAULT_UPSTREAM_TIMEOUT_MS, readUpstreamBody } from '../upstream.js';
import { upstreamHttpError } from '../upstream-errors.js';
import { OpenAIStreamRelay } from './openai-stream.js';
import { recordUsage } from './openai-usage.js';

const ROLES = new Map<unknown, SegmentRole>([
  ['system', 'system'],
  ['developer', 'system'],
  ['user', 'user'],
  ['assistant', 'assistant'],
  ['tool', 'tool'],
  ['function', 'tool'],
]);

/** Headers of the caller's request that mean something to an OpenAI-compatible upstream. */
const FORWARDED_HEADERS = ['openai-organization', 'openai-project'] as const;

const LABEL = 'the upstream';

export async function openaiChat(req: GatewayRequest, res: GatewayResponse, x: Exchange, rt: GatewayRuntime) {
  if (!rt.openai) {
    throw new GatewayError(
      'not_found',
      'this gateway has no OpenAI-compatible upstream: start it with --upstream <url>',
    );
  }
  const limits = x.policy.limits;
  const { raw, body } = await readJsonRequest(req, x);
  if (typeof body.model === 'string') x.model = body.model;
  x.stream = body.stream === true;
  const messages = body.messages;
  if (!Array.isArray(messages)) {
    throw new GatewayError('invalid_request', "'messages' must be an array of chat messages", { param: 'messages' });
  }
  const slots = requestSlots(messages);
  let modified = await admit(rt.limits, x, {
    bytes: raw.length,
    texts: slots.map(slotText),
    maxTokens: firstNumber(body.max_completion_tokens, body.max_tokens),
    applyCap: (cap) => {
      body.max_tokens = cap;
    },
  });
  const { changed: inputChanged, ...request } = inspectRequestTexts(rt, x, slots);
  modified ||= inputChanged;

  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: x.stream ? 'text/event-stream' : 'application/json',
  };
  const auth = rt.openai.apiKey ? `Bearer ${rt.openai.apiKey}` : req.headers.authorization;
  if (auth) headers.authorization = auth;
  for (const h of FORWARDED_HEADERS) {
    const v = req.headers[h];
    if (typeof v === 'string') headers[h] = v;
  }
  const timeoutMs = positiveOr(limits.timeoutMs, DEFAULT_UPSTREAM_TIMEOUT_MS);
  x.upstreamSentAt = performance.now();
  const up = await rt.upstream.post(
    { url: rt.openai.chatUrl, headers, body: modified ? Buffer.from(JSON.stringify(body)) : raw, timeoutMs },
    LABEL,
  );
  if (up.status >= 300) throw await upstreamHttpError(up, 'openai', timeoutMs, LABEL);
  const output = { ...request, checker: toolChecker(x.policy) };

  if (x.stream) {
    const type = String(up.headers['content-type'] ?? '');
    if (!type.startsWith('text/event-stream')) {
      up.abort();
      throw new GatewayError('upstream_invalid_response', `${LABEL} answered a streaming request with "${type}"`);
    }
    await new OpenAIStreamRelay(res, up, x, rt, timeoutMs, output).run({
      ...x.responseHeaders,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      'x-request-id': x.id,
    });
    return;
  }

  const answerRaw = await readUpstreamBody(up, timeoutMs, LABEL);
  x.upstreamDone();
  const answer = parseAnswerObject(answerRaw, LABEL);
  recordUsage(x, answer.usage);
  const outSlots = responseSlots(answer);
  const changed = inspectAnswerTexts(rt, x, outSlots, request);

  if (output.checker) {
    const calls: ToolCall[] = [];
    for (const choice of choicesOf(answer)) calls.push(...toolCallsFromOpenAIMessage(choice.message));
    if (calls.length > 0) {
      const { decision: tools, verdicts } = checkToolCalls(x, output.checker, calls, rt.metrics);
      if (tools === 'require_approval') {
        const pending = pendingApprovalCompletion({ model: x.model ?? String(answer.model ?? ''), calls, verdicts });
        sendJson(res, 200, JSON.stringify(pending), x.id, x.responseHeaders);
        return;
      }
    }
  }
  sendJson(res, up.status, changed ? JSON.stringify(answer) : answerRaw, x.id, x.responseHeaders);
}

/** The texts of a request's messages, in order: string contents and `text` parts. */
export function requestSlots(messages: readonly unknown[]): TextSlot[] {
  const slots: TextSlot[] = [];
  for (let i = 0; i < messages.length; i++) {
    const m = messages[i];
    if (!isObject(m)) {
      throw new GatewayError('invalid_request', `messages[${i}] must be an object`, { param: `messages[${i}]` });
    }
    const role = ROLES.get(m.role) ?? 'user';
    const content = m.content;
    if (typeof content === 'string') slots.push({ holder: m, key: 'content', role });
    else if (Array.isArray(content)) {
      for (const part of content) {
        if (isObject(part) && typeof part.text === 'string') slots.push({ holder: part, key: 'text', role });
      }
    }
  }
  return slots;
}

function responseSlots(answer: Record<string, unknown>): TextSlot[] {
  const slots: TextSlot[] = [];
  for (const choice of choicesOf(answer)) {
    const message = choice.message;
    if (isObject(message) && typeof message.content === 'string') {
      slots.push({ holder: message, key: 'content', role: 'assistant' });
    }
  }
  return slots;
}

function choicesOf(answer: Record<string, unknown>): Record<string, unknown>[] {
  return Array.isArray(answer.choices) ? answer.choices.filter(isObject) : [];
}
