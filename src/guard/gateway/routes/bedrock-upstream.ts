/**
 * What the Bedrock routes share: the model id from the path, the re-signed upstream call, pass-through of
 * Bedrock's own request/response headers, and the token counts Bedrock reports.
 */
import { GatewayError } from '../errors.js';
import type { Exchange } from '../exchange.js';
import type { GatewayRequest } from '../http-types.js';
import type { GatewayRuntime } from '../runtime.js';
import { isObject } from '../text-slots.js';
import type { UpstreamResponse } from '../upstream.js';

export const BEDROCK_LABEL = 'Bedrock';

/** Bedrock's own headers (guardrail, trace, latency tier, token counts), forwarded both ways. */
const BEDROCK_HEADER_PREFIX = 'x-amzn-bedrock-';

export async function postToBedrock(
  rt: GatewayRuntime,
  x: Exchange,
  req: GatewayRequest,
  modelId: string,
  operation: string,
  body: Buffer,
  timeoutMs: number,
  accept: string,
): Promise<UpstreamResponse> {
  const base = rt.bedrock.endpoint;
  const url = new URL(
    `${base.origin}${base.pathname.replace(/\/$/, '')}/model/${encodeURIComponent(modelId)}/${operation}`,
  );
  const headers: Record<string, string> = {
    'content-type': headerString(req.headers['content-type']) ?? 'application/json',
    accept,
  };
  for (const [name, value] of Object.entries(req.headers)) {
    if (name.startsWith(BEDROCK_HEADER_PREFIX) && typeof value === 'string') headers[name] = value;
  }
  let signed: Record<string, string>;
  try {
    signed = await rt.bedrock.signer.sign({ url, method: 'POST', headers, body });
  } catch (e) {
    throw new GatewayError(
      'internal_error',
      `the gateway cannot sign the Bedrock request (AWS credentials of the gateway's own chain): ${(e as Error).message}`,
    );
  }
  x.upstreamSentAt = performance.now();
  return rt.upstream.post({ url, headers: signed, body, timeoutMs }, BEDROCK_LABEL);
}

/** `x-amzn-bedrock-*` response headers to pass back to the caller. */
export function bedrockResponseHeaders(up: UpstreamResponse): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(up.headers)) {
    if (name.startsWith(BEDROCK_HEADER_PREFIX) && typeof value === 'string') out[name] = value;
  }
  return out;
}

/** The model id from `/model/{modelId}/{operation}` (ARNs arrive percent-encoded). */
export function decodeModelId(encoded: string): string {
  let id: string;
  try {
    id = decodeURIComponent(encoded);
  } catch {
    throw new GatewayError('invalid_request', 'the model id in the path is not valid percent-encoding');
  }
  if (id.length === 0 || id.length > 2048)
    throw new GatewayError('invalid_request', 'the model id in the path is empty or too long');
  return id;
}

/** Converse `usage` ({ inputTokens, outputTokens, totalTokens }) as the exchange's token counts. */
export function recordConverseUsage(x: Exchange, usage: unknown): void {
  if (!isObject(usage)) return;
  const tokens: Exchange['tokens'] = {};
  if (typeof usage.inputTokens === 'number') tokens.input = usage.inputTokens;
  if (typeof usage.outputTokens === 'number') tokens.output = usage.outputTokens;
  if (typeof usage.totalTokens === 'number') tokens.total = usage.totalTokens;
  x.tokens = tokens;
}

/** InvokeModel's token counts: the `x-amzn-bedrock-*-token-count` headers or `amazon-bedrock-invocationMetrics`. */
export function recordInvokeTokens(x: Exchange, input: unknown, output: unknown): void {
  const i = Number(input);
  const o = Number(output);
  if (!Number.isFinite(i) && !Number.isFinite(o)) return;
  const tokens: Exchange['tokens'] = {};
  if (Number.isFinite(i)) tokens.input = i;
  if (Number.isFinite(o)) tokens.output = o;
  if (tokens.input !== undefined && tokens.output !== undefined) tokens.total = tokens.input + tokens.output;
  x.tokens = tokens;
}

export function headerString(v: string | string[] | undefined): string | undefined {
  return typeof v === 'string' ? v : undefined;
}
