/**
 * Request bodies: read with a size cap (413 as soon as the cap is passed, from Content-Length when it says so) and
 * parsed as a JSON object (400 naming what is wrong). Never throws anything but a GatewayError.
 */
import { GatewayError } from './errors.js';
import { type Exchange, positiveOr } from './exchange.js';
import type { GatewayRequest } from './http-types.js';

/** Used when the policy sets no `limits.maxRequestBytes`. */
export const DEFAULT_MAX_REQUEST_BYTES = 4 * 1024 * 1024;

export function readBody(req: GatewayRequest, maxBytes: number): Promise<Buffer> {
  const encoding = req.headers['content-encoding'];
  if (encoding !== undefined && encoding !== 'identity') {
    req.resume();
    return Promise.reject(
      new GatewayError(
        'unsupported_media_type',
        `Content-Encoding "${encoding}" is not supported; send the body uncompressed`,
      ),
    );
  }
  const declared = Number(req.headers['content-length']);
  if (declared > maxBytes) {
    req.resume();
    return Promise.reject(tooLarge(maxBytes));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const fail = (e: GatewayError) => {
      if (settled) return;
      settled = true;
      reject(e);
    };
    req.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > maxBytes) {
        chunks.length = 0;
        fail(tooLarge(maxBytes));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (settled) return;
      settled = true;
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    });
    req.on('error', (e) => {
      if (!settled) fail(new GatewayError('invalid_request', `could not read the request body: ${e.message}`));
    });
    // 'close' follows 'end' on every request: build the error only when the body really ended early.
    req.on('close', () => {
      if (!settled) fail(new GatewayError('invalid_request', 'the request body ended early (client went away)'));
    });
  });
}

/** A JSON object body; arrays, scalars and malformed JSON are 400s that say what was wrong. */
/** Reads the request body within the policy's `limits.maxRequestBytes` and parses it as a JSON object. */
export async function readJsonRequest(
  req: GatewayRequest,
  x: Exchange,
): Promise<{ raw: Buffer; body: Record<string, unknown> }> {
  const raw = await readBody(req, positiveOr(x.policy.limits.maxRequestBytes, DEFAULT_MAX_REQUEST_BYTES));
  return { raw, body: parseJsonObject(raw) };
}

export function parseJsonObject(body: Buffer): Record<string, unknown> {
  if (body.length === 0) throw new GatewayError('invalid_json', 'the request body is empty; send a JSON object');
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    // V8's parse message quotes the body; it would put caller text into the audit log.
    throw new GatewayError('invalid_json', 'the request body is not valid JSON');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new GatewayError('invalid_request', 'the request body must be a JSON object');
  }
  return value as Record<string, unknown>;
}

function tooLarge(maxBytes: number): GatewayError {
  return new GatewayError(
    'request_too_large',
    `the request body is larger than ${maxBytes} bytes (limits.maxRequestBytes in the guard policy)`,
  );
}
