/** An upstream's whole (non-streamed) answer, parsed as the JSON object the guard inspects. */
import { GatewayError } from './errors.js';
import { isObject } from './text-slots.js';

/** Parses `raw` as a JSON object; anything else is `upstream_invalid_response` naming `label` (the upstream). */
export function parseAnswerObject(raw: Buffer, label: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new GatewayError('upstream_invalid_response', `${label} answered with a body that is not valid JSON`);
  }
  if (!isObject(value))
    throw new GatewayError('upstream_invalid_response', `${label} answered with JSON that is not an object`);
  return value;
}
