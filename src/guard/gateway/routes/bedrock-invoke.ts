/**
 * `POST /model/{modelId}/invoke` and `/invoke-with-response-stream` (Bedrock InvokeModel): the body is the model
 * provider's own JSON; its texts are found by modelTextSlots, scanned and written back in place. Non-JSON bodies
 * cannot be inspected and are refused. Anthropic `tool_use` and Nova `toolUse` calls in the answer are checked;
 * InvokeModel has no model-neutral way to say "awaiting approval", so a call needing approval fails the request
 * with `GuardBlockedException` carrying the approval id (use Converse for the pending-approval answer).
 */
import {
  newApprovalId,
  pendingApprovalDetails,
  type ToolCall,
  toolCallsFromConverseContent,
} from '../../tools/index.js';
import { EVENTSTREAM_CONTENT_TYPE } from '../bedrock-eventstream.js';
import { readJsonRequest } from '../body.js';
import { GatewayError } from '../errors.js';
import { type Exchange, positiveOr } from '../exchange.js';
import type { GatewayRequest, GatewayResponse } from '../http-types.js';
import { admit } from '../limits.js';
import type { GatewayRuntime } from '../runtime.js';
import { inspectAnswerTexts, inspectRequestTexts } from '../text-inspection.js';
import { isObject, slotText } from '../text-slots.js';
import { checkToolCalls, toolChecker } from '../tool-checks.js';
import { DEFAULT_UPSTREAM_TIMEOUT_MS, readUpstreamBody } from '../upstream.js';
import { upstreamHttpError } from '../upstream-errors.js';
import { InvokeStreamRelay } from './bedrock-invoke-stream.js';
import {
  BEDROCK_LABEL,
  bedrockResponseHeaders,
  headerString,
  postToBedrock,
  recordInvokeTokens,
} from './bedrock-upstream.js';
import { maxTokensField, requestedMaxTokens, setPath } from './invoke-max-tokens.js';
import { modelTextSlots } from './model-text.js';

export async function bedrockInvoke(
  req: GatewayRequest,
  res: GatewayResponse,
  x: Exchange,
  rt: GatewayRuntime,
  modelId: string,
) {
  const limits = x.policy.limits;
  const { raw, body } = await readJsonRequest(req, x);
  x.model = modelId;
  x.stream = x.route === 'bedrock:invoke-with-response-stream';
  const slots = modelTextSlots(body, 'input');
  // A request naming no completion-token limit gets the cap in its family's field, when the model id tells it.
  const field = maxTokensField(modelId, body);
  const capped = await admit(rt.limits, x, {
    bytes: raw.length,
    texts: slots.map(slotText),
    maxTokens: requestedMaxTokens(body),
    applyCap: field && ((cap) => setPath(body, field, cap)),
  });
  const { changed: inputChanged, ...request } = inspectRequestTexts(rt, x, slots);
  const modified = inputChanged || capped;

  const timeoutMs = positiveOr(limits.timeoutMs, DEFAULT_UPSTREAM_TIMEOUT_MS);
  const payload = modified ? Buffer.from(JSON.stringify(body)) : raw;
  const operation = x.stream ? 'invoke-with-response-stream' : 'invoke';
  const accept = x.stream
    ? EVENTSTREAM_CONTENT_TYPE
    : (headerString(req.headers['x-amzn-bedrock-accept']) ?? headerString(req.headers.accept) ?? 'application/json');
  const up = await postToBedrock(rt, x, req, modelId, operation, payload, timeoutMs, accept);
  if (up.status >= 300) throw await upstreamHttpError(up, 'bedrock', timeoutMs, BEDROCK_LABEL);
  const checker = toolChecker(x.policy);
  const headers = {
    ...x.responseHeaders,
    'x-request-id': x.id,
    'x-amzn-requestid': x.id,
    ...bedrockResponseHeaders(up),
  };

  if (x.stream) {
    await new InvokeStreamRelay(res, up, x, rt, timeoutMs, { ...request, checker }).run({
      ...headers,
      'content-type': EVENTSTREAM_CONTENT_TYPE,
    });
    return;
  }

  const answerRaw = await readUpstreamBody(up, timeoutMs, BEDROCK_LABEL);
  x.upstreamDone();
  recordInvokeTokens(
    x,
    up.headers['x-amzn-bedrock-input-token-count'],
    up.headers['x-amzn-bedrock-output-token-count'],
  );
  const contentType = headerString(up.headers['content-type']) ?? 'application/json';
  let answer: unknown;
  try {
    answer = JSON.parse(answerRaw.toString('utf8'));
  } catch {
    throw new GatewayError(
      'upstream_invalid_response',
      `${BEDROCK_LABEL} answered with a ${contentType} body that is not JSON; the guard cannot inspect it`,
    );
  }
  const outSlots = modelTextSlots(answer, 'output');
  const changed = inspectAnswerTexts(rt, x, outSlots, request);
  if (checker) {
    const calls = invokeToolCalls(answer);
    if (calls.length > 0) {
      const { decision: tools, verdicts } = checkToolCalls(x, checker, calls, rt.metrics);
      if (tools === 'require_approval') {
        const details = pendingApprovalDetails({ model: modelId, calls, verdicts, approvalId: newApprovalId() });
        x.blockedBy = 'tools';
        x.blockReason = `tool calls awaiting approval ${details.approval_id}`;
        throw new GatewayError(
          'guard_blocked',
          `response held: tool call(s) ${details.tool_calls.map((c) => c.name).join(', ')} need human approval ` +
            `(approval id ${details.approval_id}); use Converse to receive the pending-approval answer`,
        );
      }
    }
  }
  res.writeHead(up.status, { ...headers, 'content-type': contentType });
  res.end(changed ? JSON.stringify(answer) : answerRaw);
}

/** The largest completion-token count the model family's fields ask for. */
/** Tool calls of an InvokeModel answer: Anthropic `content[].type = tool_use`, Nova `output.message.content[].toolUse`. */
export function invokeToolCalls(answer: unknown): ToolCall[] {
  if (!isObject(answer)) return [];
  const calls: ToolCall[] = [];
  if (Array.isArray(answer.content)) {
    for (const block of answer.content) {
      if (isObject(block) && block.type === 'tool_use' && typeof block.name === 'string') {
        calls.push({ id: String(block.id ?? ''), name: block.name, arguments: block.input ?? {} });
      }
    }
  }
  const output = answer.output;
  if (isObject(output) && isObject(output.message)) calls.push(...toolCallsFromConverseContent(output.message.content));
  return calls;
}
