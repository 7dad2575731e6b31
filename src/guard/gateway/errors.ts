/**
 * Every error the gateway sends, in the shape the caller's SDK understands: OpenAI routes get
 * `{ error: { message, type, code, param } }`, Bedrock routes get `{ message }` with the `x-amzn-ErrorType` header
 * (the AWS SDK turns it into an exception whose `name` is that type). One code list keeps both flavours, the audit
 * log and the metrics in step.
 */

export type ErrorFlavor = 'openai' | 'bedrock';

interface CodeInfo {
  status: number;
  /** OpenAI `error.type`. */
  type: string;
  /** Bedrock exception name (the AWS SDK error's `name`). */
  bedrock: string;
}

const CODES = {
  guard_blocked: { status: 400, type: 'invalid_request_error', bedrock: 'GuardBlockedException' },
  invalid_json: { status: 400, type: 'invalid_request_error', bedrock: 'ValidationException' },
  invalid_request: { status: 400, type: 'invalid_request_error', bedrock: 'ValidationException' },
  limit_exceeded: { status: 400, type: 'invalid_request_error', bedrock: 'ValidationException' },
  not_found: { status: 404, type: 'invalid_request_error', bedrock: 'UnknownOperationException' },
  method_not_allowed: { status: 405, type: 'invalid_request_error', bedrock: 'UnknownOperationException' },
  request_too_large: { status: 413, type: 'invalid_request_error', bedrock: 'ValidationException' },
  unsupported_media_type: { status: 415, type: 'invalid_request_error', bedrock: 'ValidationException' },
  rate_limited: { status: 429, type: 'rate_limit_error', bedrock: 'ThrottlingException' },
  internal_error: { status: 500, type: 'server_error', bedrock: 'InternalServerException' },
  upstream_error: { status: 502, type: 'server_error', bedrock: 'ServiceUnavailableException' },
  upstream_unavailable: { status: 502, type: 'server_error', bedrock: 'ServiceUnavailableException' },
  upstream_invalid_response: { status: 502, type: 'server_error', bedrock: 'InternalServerException' },
  upstream_stream_interrupted: { status: 502, type: 'server_error', bedrock: 'ModelStreamErrorException' },
  limit_store_unavailable: { status: 503, type: 'server_error', bedrock: 'ServiceUnavailableException' },
  shutting_down: { status: 503, type: 'server_error', bedrock: 'ServiceUnavailableException' },
  upstream_timeout: { status: 504, type: 'timeout_error', bedrock: 'ModelTimeoutException' },
} as const satisfies Record<string, CodeInfo>;

export type GatewayErrorCode = keyof typeof CODES;

export class GatewayError extends Error {
  readonly status: number;
  readonly param?: string;
  readonly retryAfterSeconds?: number;
  /** Overrides the Bedrock exception name (an upstream Bedrock error keeps its own). */
  readonly bedrockType?: string;
  /** An upstream OpenAI error body passed through as it was (a 4xx the caller caused). */
  readonly rawBody?: Buffer;

  constructor(
    readonly code: GatewayErrorCode,
    message: string,
    options: {
      status?: number;
      param?: string;
      retryAfterSeconds?: number;
      bedrockType?: string;
      rawBody?: Buffer;
    } = {},
  ) {
    super(message);
    this.status = options.status ?? CODES[code].status;
    this.param = options.param;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.bedrockType = options.bedrockType;
    this.rawBody = options.rawBody;
  }

  get openaiType(): string {
    return CODES[this.code].type;
  }

  get bedrockName(): string {
    return this.bedrockType ?? CODES[this.code].bedrock;
  }
}

/** The `{ error: … }` object of an OpenAI error response or SSE error event. */
export function openaiErrorBody(e: GatewayError) {
  return { error: { message: e.message, type: e.openaiType, code: e.code, param: e.param ?? null } };
}

/** Status, headers and body of an error response in the route's flavour. */
export function errorResponse(
  e: GatewayError,
  flavor: ErrorFlavor,
  requestId: string,
): { status: number; headers: Record<string, string>; body: string | Buffer } {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-request-id': requestId };
  if (e.retryAfterSeconds !== undefined) headers['retry-after'] = String(Math.max(1, Math.ceil(e.retryAfterSeconds)));
  if (flavor === 'openai') return { status: e.status, headers, body: e.rawBody ?? JSON.stringify(openaiErrorBody(e)) };
  headers['x-amzn-errortype'] = e.bedrockName;
  headers['x-amzn-requestid'] = requestId;
  return { status: e.status, headers, body: JSON.stringify({ message: e.message, code: e.code }) };
}

/** Anything thrown inside a route becomes a GatewayError; unknown errors are internal (message kept, no stack). */
export function toGatewayError(e: unknown): GatewayError {
  if (e instanceof GatewayError) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new GatewayError('internal_error', `internal gateway error: ${message}`);
}
