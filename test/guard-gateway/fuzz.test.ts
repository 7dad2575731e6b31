/**
 * Random requests against a running gateway (example policy, fake upstream): whatever the method, path, headers or
 * body, the answer is a JSON error or a success (JSON, SSE or event stream), never a crash, and the gateway stays
 * healthy. Raw bytes on the socket exercise the HTTP/1.1-or-HTTP/2 sniffing.
 */
import http from 'node:http';
import net from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_POLICY, type Harness, startHarness } from './harness.js';

let h: Harness;
let port: number;

beforeAll(async () => {
  h = await startHarness({ policyFile: EXAMPLE_POLICY });
  port = Number(new URL(h.url).port);
});
afterAll(async () => {
  await h?.close();
});

interface Reply {
  status: number;
  contentType: string;
  body: string;
}

function send(method: string, path: string, headers: Record<string, string>, body: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          contentType: String(res.headers['content-type'] ?? ''),
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

const paths = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom(
      '/v1/chat/completions',
      '/chat/completions',
      '/model/anthropic.claude-v2/converse',
      '/model/m/converse-stream',
      '/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A%3Afoundation-model%2Fx/invoke',
      '/model/m/invoke-with-response-stream',
      '/model/%E0%A4%A/converse',
      '/model//converse',
      '/healthz',
      '/metrics',
      '/v1/chat/completions?x=1',
    ),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }).map((s) => `/${encodeURIComponent(s)}`) },
);

const chatBody = fc.record(
  {
    model: fc.oneof(fc.string({ maxLength: 10 }), fc.integer()),
    messages: fc.oneof(
      fc.array(
        fc.record(
          {
            role: fc.oneof(
              fc.constantFrom('system', 'user', 'assistant', 'tool', 'developer'),
              fc.string({ maxLength: 8 }),
            ),
            content: fc.oneof(
              fc.string({ maxLength: 200 }),
              fc.array(fc.record({ type: fc.constantFrom('text', 'image_url'), text: fc.anything() }), {
                maxLength: 3,
              }),
              fc.anything(),
            ),
          },
          { requiredKeys: [] },
        ),
        { maxLength: 4 },
      ),
      fc.anything(),
    ),
    stream: fc.boolean(),
    max_tokens: fc.oneof(fc.integer(), fc.string({ maxLength: 4 })),
  },
  { requiredKeys: [] },
);

const converseBody = fc.record(
  {
    system: fc.oneof(fc.array(fc.record({ text: fc.string({ maxLength: 50 }) })), fc.anything()),
    messages: fc.oneof(
      fc.array(
        fc.record({
          role: fc.constantFrom('user', 'assistant', 'x'),
          content: fc.oneof(
            fc.array(fc.oneof(fc.record({ text: fc.string({ maxLength: 80 }) }), fc.anything()), { maxLength: 3 }),
            fc.anything(),
          ),
        }),
        { maxLength: 3 },
      ),
      fc.anything(),
    ),
    inferenceConfig: fc.oneof(fc.record({ maxTokens: fc.integer() }), fc.anything()),
  },
  { requiredKeys: [] },
);

const bodies = fc.oneof(
  { weight: 1, arbitrary: fc.string({ maxLength: 300 }) },
  { weight: 1, arbitrary: fc.json({ maxDepth: 4 }) },
  { weight: 4, arbitrary: chatBody.map((b) => JSON.stringify(b)) },
  { weight: 4, arbitrary: converseBody.map((b) => JSON.stringify(b)) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b).toString('latin1')) },
);

const headerName = fc.constantFrom(
  'content-type',
  'authorization',
  'x-api-key',
  'accept',
  'x-amzn-bedrock-trace',
  'x-custom',
);
const headerValue = fc.stringMatching(/^[ -~]{0,60}$/);
const headers = fc
  .tuple(
    fc.dictionary(headerName, headerValue, { maxKeys: 4 }),
    fc.oneof(
      { weight: 9, arbitrary: fc.constant(null) },
      { weight: 1, arbitrary: fc.constantFrom('gzip', 'identity', 'br') },
    ),
  )
  .map(([h, encoding]) => (encoding === null ? h : { ...h, 'content-encoding': encoding }));
const methods = fc.oneof(
  { weight: 8, arbitrary: fc.constant('POST') },
  { weight: 1, arbitrary: fc.constantFrom('GET', 'PUT', 'DELETE') },
);

function isWellFormed(r: Reply): boolean {
  if (r.status < 200 || r.status > 599) return false;
  if (r.contentType.startsWith('text/event-stream') || r.contentType.startsWith('application/vnd.amazon.eventstream'))
    return r.status === 200;
  if (r.contentType.startsWith('text/plain')) return r.status === 200; // /metrics
  try {
    JSON.parse(r.body);
    return r.contentType.startsWith('application/json');
  } catch {
    return false;
  }
}

describe('request fuzzing', () => {
  it('always answers a well-formed error or success, and stays healthy', async () => {
    await fc.assert(
      fc.asyncProperty(methods, paths, headers, bodies, async (method, path, hdrs, body) => {
        const reply = await send(method, path, hdrs, body);
        expect(
          isWellFormed(reply),
          `${method} ${path} ${JSON.stringify(hdrs)} → ${reply.status} ${reply.contentType} ${reply.body.slice(0, 200)}`,
        ).toBe(true);
        if (reply.status >= 400 && reply.contentType.startsWith('application/json')) {
          const parsed = JSON.parse(reply.body);
          expect(typeof (parsed.error?.message ?? parsed.message)).toBe('string');
        }
      }),
      { numRuns: 300 },
    );
    const health = await send('GET', '/healthz', {}, '');
    expect(health.status).toBe(200);
  });

  it('survives raw garbage on the socket, including a fake HTTP/2 preface', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ minLength: 1, maxLength: 300 }),
          fc
            .uint8Array({ maxLength: 200 })
            .map((b) => Buffer.concat([Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'), b])),
          fc.string({ maxLength: 200 }).map((s) => Buffer.from(`POST /v1/chat/completions HTTP/1.1\r\n${s}`)),
        ),
        async (bytes) => {
          await new Promise<void>((resolve) => {
            const socket = net.connect(port, '127.0.0.1', () => {
              socket.write(bytes);
              setTimeout(() => socket.destroy(), 20);
            });
            socket.on('error', () => undefined);
            socket.on('close', () => resolve());
          });
        },
      ),
      { numRuns: 60 },
    );
    const health = await send('GET', '/healthz', {}, '');
    expect(health.status).toBe(200);
  });
});
