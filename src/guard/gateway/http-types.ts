/**
 * The parts of a request and response the routes use, shared by `node:http` (HTTP/1.1) and `node:http2`'s
 * compatibility API (the AWS SDK's Bedrock client speaks HTTP/2), so one handler serves both.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';

export type GatewayRequest = Readable & {
  readonly method?: string;
  readonly url?: string;
  readonly headers: IncomingHttpHeaders;
  readonly httpVersion: string;
};

export interface GatewayResponse {
  statusCode: number;
  readonly headersSent: boolean;
  readonly writableEnded: boolean;
  readonly destroyed: boolean;
  writeHead(status: number, headers?: Record<string, string>): unknown;
  write(chunk: string | Uint8Array): boolean;
  end(chunk?: string | Uint8Array): unknown;
  once(event: 'drain' | 'close' | 'finish', listener: () => void): unknown;
  on(event: 'drain' | 'close' | 'finish', listener: () => void): unknown;
}
