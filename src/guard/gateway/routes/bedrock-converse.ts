/**
 * `POST /model/{modelId}/converse` and `/converse-stream` (Amazon Bedrock Converse API, as
 * `@aws-sdk/client-bedrock-runtime` calls it): input scanners on `system` and `messages`, the request re-signed to
 * Bedrock, output scanners and tool checks on `output.message`, or ConverseStreamRelay for the stream.
 */
import { pendingApprovalConverse, toolCallsFromConverseContent } from '../../tools/index.js';
import { parseAnswerObject } from '../answer-json.js';
import { EVENTSTREAM_CONTENT_TYPE } from '../bedrock-eventstream.js';
import { readJsonRequest } from '../body.js';
import { GatewayError } from '../errors.js';
import { type Exchange, positiveOr } from '../exchange.js';
import type { GatewayRequest, GatewayResponse } from '../http-types.js';
import { admit } from '../limits.js';
import type { GatewayRuntime } from '../runtime.js';
import { inspectAnswerTexts, inspectRequestTexts } from '../text-inspection.js';
import { isObject, slotText, type TextSlot } from '../text-slots.js';
import { checkToolCalls, toolChecker } from '../tool-checks.js';
import { DEFAULT_UPSTREAM_TIMEOUT_MS, readUpstreamBody } from '../upstream.js';
import { upstreamHttpError } from '../upstream-errors.js';
import { ConverseStreamRelay } from './bedrock-converse-stream.js';
import { BEDROCK_LABEL, bedrockResponseHeaders, postToBedrock, recordConverseUsage } from './bedrock-upstream.js';

export async function bedrockConverse(
  req: GatewayRequest,
  res: GatewayResponse,
  x: Exchange,
  rt: GatewayRuntime,
  modelId: string,
) {
  const limits = x.policy.limits;
  const { raw, body } = await readJsonRequest(req, x);
  x.model = modelId;
  x.stream = x.route === 'bedrock:converse-stream';
  const inference = body.inferenceConfig;
  if (inference !== undefined && !isObject(inference)) {
    throw new GatewayError('invalid_request', 'inferenceConfig must be an object', { param: 'inferenceConfig' });
  }
  const slots = converseRequestSlots(body);
  let modified = await admit(rt.limits, x, {
    bytes: raw.length,
    texts: slots.map(slotText),
    maxTokens: typeof inference?.maxTokens === 'number' ? inference.maxTokens : undefined,
    applyCap: (cap) => {
      body.inferenceConfig = { ...inference, maxTokens: cap };
    },
  });
  const { changed: inputChanged, ...request } = inspectRequestTexts(rt, x, slots);
  modified ||= inputChanged;

  const timeoutMs = positiveOr(limits.timeoutMs, DEFAULT_UPSTREAM_TIMEOUT_MS);
  const payload = modified ? Buffer.from(JSON.stringify(body)) : raw;
  const operation = x.stream ? 'converse-stream' : 'converse';
  const accept = x.stream ? EVENTSTREAM_CONTENT_TYPE : 'application/json';
  const up = await postToBedrock(rt, x, req, modelId, operation, payload, timeoutMs, accept);
  if (up.status >= 300) throw await upstreamHttpError(up, 'bedrock', timeoutMs, BEDROCK_LABEL);
  const checker = toolChecker(x.policy);

  if (x.stream) {
    await new ConverseStreamRelay(res, up, x, rt, timeoutMs, { ...request, checker }).run({
      ...x.responseHeaders,
      'content-type': EVENTSTREAM_CONTENT_TYPE,
      'x-request-id': x.id,
      'x-amzn-requestid': x.id,
      ...bedrockResponseHeaders(up),
    });
    return;
  }

  const answerRaw = await readUpstreamBody(up, timeoutMs, BEDROCK_LABEL);
  x.upstreamDone();
  const answer = parseAnswerObject(answerRaw, BEDROCK_LABEL);
  recordConverseUsage(x, answer.usage);
  const content = outputContent(answer);
  const outSlots: TextSlot[] = [];
  for (const block of content) {
    if (isObject(block) && typeof block.text === 'string')
      outSlots.push({ holder: block, key: 'text', role: 'assistant' });
  }
  const changed = inspectAnswerTexts(rt, x, outSlots, request);
  const headers = {
    ...x.responseHeaders,
    'content-type': 'application/json',
    'x-request-id': x.id,
    'x-amzn-requestid': x.id,
    ...bedrockResponseHeaders(up),
  };
  if (checker) {
    const calls = toolCallsFromConverseContent(content);
    if (calls.length > 0) {
      const { decision: tools, verdicts } = checkToolCalls(x, checker, calls, rt.metrics);
      if (tools === 'require_approval') {
        res.writeHead(200, headers);
        res.end(JSON.stringify(pendingApprovalConverse({ calls, verdicts })));
        return;
      }
    }
  }
  res.writeHead(up.status, headers);
  res.end(changed ? JSON.stringify(answer) : answerRaw);
}

/**
 * The texts of a Converse request: `system[].text`, each message's `text` blocks, `toolResult` texts (role
 * `tool`) and `guardContent` texts.
 */
export function converseRequestSlots(body: Record<string, unknown>): TextSlot[] {
  const slots: TextSlot[] = [];
  if (body.system !== undefined) {
    if (!Array.isArray(body.system))
      throw new GatewayError('invalid_request', 'system must be an array of content blocks');
    for (const block of body.system) addBlock(slots, block, 'system');
  }
  const messages = body.messages;
  if (messages === undefined) return slots;
  if (!Array.isArray(messages)) throw new GatewayError('invalid_request', 'messages must be an array');
  for (let i = 0; i < messages.length; i++) {
    const m = messages[i];
    if (!isObject(m)) throw new GatewayError('invalid_request', `messages[${i}] must be an object`);
    if (m.content === undefined) continue;
    if (!Array.isArray(m.content)) throw new GatewayError('invalid_request', `messages[${i}].content must be an array`);
    const role = m.role === 'assistant' ? 'assistant' : 'user';
    for (const block of m.content) {
      if (!isObject(block)) continue;
      addBlock(slots, block, role);
      const result = block.toolResult;
      if (isObject(result) && Array.isArray(result.content)) {
        for (const part of result.content) addBlock(slots, part, 'tool');
      }
    }
  }
  return slots;
}

function addBlock(slots: TextSlot[], block: unknown, role: TextSlot['role']): void {
  if (!isObject(block)) return;
  if (typeof block.text === 'string') slots.push({ holder: block, key: 'text', role });
  const guarded = block.guardContent;
  if (isObject(guarded) && isObject(guarded.text) && typeof guarded.text.text === 'string') {
    slots.push({ holder: guarded.text, key: 'text', role });
  }
}

function outputContent(answer: Record<string, unknown>): unknown[] {
  const output = answer.output;
  if (!isObject(output) || !isObject(output.message) || !Array.isArray(output.message.content)) return [];
  return output.message.content;
}
