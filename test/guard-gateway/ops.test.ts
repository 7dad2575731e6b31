/** /healthz, /metrics, unknown routes, and the graceful shutdown (in-flight requests finish, audit flushed). */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness.js';

// biome-ignore lint/suspicious/noExplicitAny: test inspection of response JSON
const json = (r: Response): Promise<any> => r.json();

const POLICY = `
version: 1
input:
  - scanner: regex
    id: no_secrets
    action: block
    patterns: ["top secret"]
`;

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ policyText: POLICY });
});
afterAll(async () => {
  await h?.close();
});

const chat = (content: string) =>
  fetch(`${h.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer sk-ops' },
    body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content }] }),
  });

describe('operations endpoints', () => {
  it('GET /healthz says ok', async () => {
    const r = await fetch(`${h.url}/healthz`);
    expect(r.status).toBe(200);
    expect(await json(r)).toMatchObject({ status: 'ok' });
  });

  it('GET /metrics exposes request, latency, verdict and block metrics in Prometheus text format', async () => {
    expect((await chat('hello')).status).toBe(200);
    expect((await chat('this is top secret')).status).toBe(400);
    const r = await fetch(`${h.url}/metrics`);
    expect(r.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await r.text();
    const value = (line: string) =>
      Number(
        text
          .split('\n')
          .find((l) => l.startsWith(`${line} `))
          ?.split(' ')[1],
      );
    expect(
      value('steward_guard_requests_total{route="/v1/chat/completions",action="allow",status="200"}'),
    ).toBeGreaterThanOrEqual(1);
    expect(
      value('steward_guard_requests_total{route="/v1/chat/completions",action="block",status="400"}'),
    ).toBeGreaterThanOrEqual(1);
    expect(value('steward_guard_blocked_total{route="/v1/chat/completions",direction="input"}')).toBeGreaterThanOrEqual(
      1,
    );
    expect(
      value('steward_guard_verdicts_total{direction="input",scanner="regex",action="block"}'),
    ).toBeGreaterThanOrEqual(1);
    expect(value('steward_guard_request_duration_seconds_count{route="/v1/chat/completions"}')).toBeGreaterThanOrEqual(
      2,
    );
    expect(
      value('steward_guard_overhead_seconds_bucket{route="/v1/chat/completions",le="+Inf"}'),
    ).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/^# TYPE steward_guard_in_flight_requests gauge$/m);
  });

  it('answers unknown routes and methods with errors in the route family shape', async () => {
    const notFound = await fetch(`${h.url}/v1/embeddings`, { method: 'POST', body: '{}' });
    expect(notFound.status).toBe(404);
    expect((await json(notFound)).error.code).toBe('not_found');
    const bedrockNotFound = await fetch(`${h.url}/model/m/unknown-op`, { method: 'POST', body: '{}' });
    expect(bedrockNotFound.status).toBe(404);
    expect(bedrockNotFound.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
    const wrongMethod = await fetch(`${h.url}/v1/chat/completions`);
    expect(wrongMethod.status).toBe(405);
  });

  it('answers bad bodies with 400s and oversized ones with 413', async () => {
    const post = (body: string) => fetch(`${h.url}/v1/chat/completions`, { method: 'POST', body });
    const notJson = await post('{"model": ');
    expect(notJson.status).toBe(400);
    expect((await json(notJson)).error.code).toBe('invalid_json');
    const noMessages = await post('{"model":"m"}');
    expect((await json(noMessages)).error).toMatchObject({ code: 'invalid_request', param: 'messages' });
    const huge = await post(
      JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'x'.repeat(5 * 1024 * 1024) }] }),
    );
    expect(huge.status).toBe(413);
    expect((await json(huge)).error.code).toBe('request_too_large');
  });
});

describe('rate limits (src/guard/limits)', () => {
  it('answers 429 rate_limited with Retry-After past limits.requestsPerMinute, per API key, in both shapes', async () => {
    const g = await startHarness({ policyText: 'version: 1\nlimits:\n  requestsPerMinute: 2\n' });
    try {
      const call = (key: string) =>
        fetch(`${g.url}/v1/chat/completions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}` },
          body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'hello' }] }),
        });
      const first = await call('sk-a');
      expect(first.status).toBe(200);
      expect(first.headers.get('x-ratelimit-limit-requests')).toBe('2');
      expect((await call('sk-a')).status).toBe(200);
      const third = await call('sk-a');
      expect(third.status).toBe(429);
      expect(Number(third.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect((await json(third)).error).toMatchObject({ code: 'rate_limited', type: 'rate_limit_error' });
      expect((await call('sk-b')).status).toBe(200); // another key has its own counter
      expect(g.upstream.received).toHaveLength(3);
      const bedrock = await fetch(`${g.url}/model/m/converse`, {
        method: 'POST',
        headers: { authorization: 'Bearer sk-a' },
        body: JSON.stringify({ messages: [{ role: 'user', content: [{ text: 'hi' }] }] }),
      });
      // Routes without their own policy override share the `default` counters: the same key is over its limit here too.
      expect(bedrock.status).toBe(429);
      expect(bedrock.headers.get('x-amzn-errortype')).toBe('ThrottlingException');
    } finally {
      await g.close();
    }
  });
});

describe('graceful shutdown', () => {
  it('finishes in-flight requests, refuses new connections, and leaves every audit line on disk', async () => {
    const g = await startHarness({ policyText: POLICY });
    g.upstream.fault = { kind: 'delay', ms: 300 };
    const inFlight = fetch(`${g.url}/v1/chat/completions`, {
      method: 'POST',
      body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'slow one' }] }),
    });
    await new Promise((r) => setTimeout(r, 100));
    const closing = g.gateway.close();
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect((await json(response)).choices[0].message.content).toBe('Hello from the fake model.');
    await closing;
    await expect(fetch(`${g.url}/healthz`)).rejects.toThrow();
    // Read the file directly: close() must have written and synced it.
    const lines = readFileSync(g.auditFile, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ route: '/v1/chat/completions', status: 200, action: 'allow' });
    await g.upstream.stop();
  });
});
