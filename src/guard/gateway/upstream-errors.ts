/**
 * Upstream HTTP errors as the caller's SDK expects them. A 4xx that is already well-formed for the route's flavour
 * (OpenAI `{ error: {…} }`, Bedrock `x-amzn-ErrorType`) is the caller's problem (bad key, unknown model) and passes
 * through with its status; a 5xx or an unreadable error becomes a 502 `upstream_error` that says what the upstream
 * answered.
 */
import { type ErrorFlavor, GatewayError } from './errors.js';
import { isObject } from './text-slots.js';
import { readUpstreamBody, type UpstreamResponse } from './upstream.js';

const MAX_EXCERPT = 300;

export async function upstreamHttpError(
  up: UpstreamResponse,
  flavor: ErrorFlavor,
  timeoutMs: number,
  label: string,
): Promise<GatewayError> {
  let raw: Buffer;
  try {
    raw = await readUpstreamBody(up, timeoutMs, label);
  } catch (e) {
    return e as GatewayError;
  }
  const status = up.status;
  const retryAfter = Number(up.headers['retry-after']);
  const retryAfterSeconds = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (flavor === 'openai') {
    const error = isObject(parsed) && isObject(parsed.error) ? parsed.error : undefined;
    const message = typeof error?.message === 'string' ? error.message : excerpt(raw);
    if (status < 500 && error) {
      return new GatewayError('upstream_error', message, { status, rawBody: raw, retryAfterSeconds });
    }
    return new GatewayError('upstream_error', `${label} answered HTTP ${status}: ${message}`, {
      status: status < 500 ? status : 502,
      retryAfterSeconds,
    });
  }
  const typeHeader = up.headers['x-amzn-errortype'];
  const type = typeof typeHeader === 'string' ? typeHeader.split(':')[0] : undefined;
  const body = isObject(parsed) ? parsed : {};
  const bodyMessage = body.message ?? body.Message;
  const message = typeof bodyMessage === 'string' ? bodyMessage : excerpt(raw);
  if (status < 500) {
    return new GatewayError('upstream_error', message, { status, bedrockType: type, retryAfterSeconds });
  }
  return new GatewayError('upstream_error', `${label} answered HTTP ${status}: ${message}`, {
    status: 502,
    bedrockType: type ?? 'ServiceUnavailableException',
    retryAfterSeconds,
  });
}

function excerpt(raw: Buffer): string {
  const text = raw
    .toString('utf8', 0, Math.min(raw.length, MAX_EXCERPT * 4))
    .replace(/\s+/g, ' ')
    .trim();
  if (text.length === 0) return 'no error details';
  return text.length > MAX_EXCERPT ? `${text.slice(0, MAX_EXCERPT)}…` : text;
}
