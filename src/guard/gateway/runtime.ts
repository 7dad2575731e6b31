/** What every route needs, built once by the server. */
import type { Guard } from '../guard-api.js';
import type { LimitEnforcer } from '../limits/index.js';
import type { GatewayResponse } from './http-types.js';
import type { GatewayMetrics } from './metrics.js';
import type { BedrockSigner } from './sigv4.js';
import type { UpstreamClient } from './upstream.js';

export interface GatewayRuntime {
  readonly guard: Guard;
  readonly upstream: UpstreamClient;
  /** The OpenAI-compatible upstream, when the gateway has one (`--upstream`). */
  readonly openai?: {
    /** `<base>/chat/completions`. */
    readonly chatUrl: URL;
    /** Sent upstream instead of the caller's key when set. */
    readonly apiKey?: string;
  };
  readonly bedrock: {
    /** Bedrock Runtime base URL (`https://bedrock-runtime.<region>.amazonaws.com` or `--bedrock-endpoint`). */
    readonly endpoint: URL;
    readonly signer: BedrockSigner;
  };
  readonly metrics: GatewayMetrics;
  /** The policy's rate limits and token budgets (src/guard/limits). */
  readonly limits: LimitEnforcer;
}

/** A complete JSON response, with the exchange's extra headers (`x-ratelimit-*`). */
export function sendJson(
  res: GatewayResponse,
  status: number,
  body: string | Buffer,
  requestId: string,
  extra: Record<string, string>,
): void {
  res.writeHead(status, { ...extra, 'content-type': 'application/json', 'x-request-id': requestId });
  res.end(body);
}
