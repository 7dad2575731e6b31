/** Upstream faults become clear errors in the caller's SDK shape; the gateway keeps serving. */
import { ConverseCommand, ConverseStreamCommand } from '@aws-sdk/client-bedrock-runtime';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createGuard } from '../../src/guard/create-guard.js';
import { createGateway } from '../../src/guard/gateway/server.js';
import { eventually, type Harness, startHarness } from './harness.js';

const POLICY = `
version: 1
audit:
  enabled: true
limits:
  timeoutMs: 300
`;

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ policyText: POLICY });
});
afterAll(async () => {
  await h?.close();
});
beforeEach(() => h.upstream.reset());

const ask = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: 'hello there' }] };
const converse = new ConverseCommand({
  modelId: 'amazon.nova-lite-v1:0',
  messages: [{ role: 'user', content: [{ text: 'hello' }] }],
});

type SdkError = Error & { status?: number; code?: string; $metadata?: { httpStatusCode?: number } };
const failure = (p: Promise<unknown>) => p.then(() => undefined as unknown as SdkError).catch((e: SdkError) => e);

describe('OpenAI route', () => {
  it('maps an upstream 5xx to 502 upstream_error with what the upstream said', async () => {
    h.upstream.fault = {
      kind: 'status',
      status: 503,
      body: JSON.stringify({ error: { message: 'overloaded, try later' } }),
    };
    const e = await failure(h.openai.chat.completions.create(ask));
    expect(e).toBeInstanceOf(OpenAI.InternalServerError);
    expect(e.status).toBe(502);
    expect(e.code).toBe('upstream_error');
    expect(e.message).toMatch(/HTTP 503: overloaded, try later/);
  });

  it("passes an upstream 4xx error through as the caller's", async () => {
    const body = {
      error: { message: 'Incorrect API key provided', type: 'invalid_request_error', code: 'invalid_api_key' },
    };
    h.upstream.fault = { kind: 'status', status: 401, body: JSON.stringify(body) };
    const e = await failure(h.openai.chat.completions.create(ask));
    expect(e).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(e.code).toBe('invalid_api_key');
  });

  it('times out a silent upstream with 504 upstream_timeout (limits.timeoutMs)', async () => {
    h.upstream.fault = { kind: 'hang' };
    const e = await failure(h.openai.chat.completions.create(ask));
    expect(e.status).toBe(504);
    expect(e.code).toBe('upstream_timeout');
    expect(e.message).toMatch(/300 ms/);
  });

  it('maps malformed JSON to 502 upstream_invalid_response', async () => {
    h.upstream.fault = { kind: 'malformed' };
    const e = await failure(h.openai.chat.completions.create(ask));
    expect(e.status).toBe(502);
    expect(e.code).toBe('upstream_invalid_response');
  });

  it('maps a cut response body to 502 upstream_stream_interrupted', async () => {
    h.upstream.fault = { kind: 'cut' };
    const e = await failure(h.openai.chat.completions.create(ask));
    expect(e.status).toBe(502);
    expect(e.code).toBe('upstream_stream_interrupted');
  });

  it('ends a cut stream with an in-band upstream_stream_interrupted error', async () => {
    h.upstream.fault = { kind: 'cut' };
    h.upstream.reply = 'a fairly long answer that will never arrive in full because the upstream dies';
    const stream = await h.openai.chat.completions.create({ ...ask, stream: true });
    const e = await failure(
      (async () => {
        for await (const _ of stream) {
        }
      })(),
    );
    expect(e).toBeInstanceOf(OpenAI.APIError);
    expect(e.code).toBe('upstream_stream_interrupted');
  });

  it('stops the upstream stream when the client goes away, and records it', async () => {
    h.upstream.reply = 'word '.repeat(200);
    h.upstream.dripMs = 5;
    const controller = new AbortController();
    const stream = await h.openai.chat.completions.create({ ...ask, stream: true }, { signal: controller.signal });
    for await (const _ of stream) {
      controller.abort(); // after the first chunk
    }
    await eventually(() => expect(h.upstream.abandoned).toBe(1));
    await eventually(async () => {
      const e = (await h.audit()).at(-1);
      expect(e).toMatchObject({ stream: true, action: 'error', error: { code: 'invalid_request' } });
      expect(e?.error?.message).toMatch(/client closed the connection/);
    });
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
  });

  it('maps an unreachable upstream to 502 upstream_unavailable', async () => {
    const gateway = await createGateway({
      guard: createGuard({ policyText: POLICY }),
      upstream: 'http://127.0.0.1:1/v1',
      auditLog: h.auditFile,
    });
    const { url } = await gateway.listen(0);
    try {
      const client = new OpenAI({ apiKey: 'k', baseURL: `${url}/v1`, maxRetries: 0 });
      const e = await failure(client.chat.completions.create(ask));
      expect(e.status).toBe(502);
      expect(e.code).toBe('upstream_unavailable');
    } finally {
      await gateway.close();
    }
  });

  it('records faults in the audit log with their code', async () => {
    h.upstream.fault = { kind: 'malformed' };
    await failure(h.openai.chat.completions.create(ask));
    await eventually(async () => {
      const e = (await h.audit()).at(-1);
      expect(e).toMatchObject({ status: 502, action: 'error', error: { code: 'upstream_invalid_response' } });
    });
  });
});

describe('Bedrock routes', () => {
  it("keeps Bedrock's exception type for an upstream 5xx, as a 502", async () => {
    h.upstream.fault = {
      kind: 'status',
      status: 503,
      body: JSON.stringify({ message: 'Bedrock is busy' }),
      headers: { 'x-amzn-errortype': 'ServiceUnavailableException:http://internal.amazon.com/coral/' },
    };
    const e = await failure(h.bedrock.send(converse));
    expect(e.name).toBe('ServiceUnavailableException');
    expect(e.$metadata?.httpStatusCode).toBe(502);
    expect(e.message).toMatch(/Bedrock answered HTTP 503: Bedrock is busy/);
  });

  it('passes a Bedrock 4xx through (the caller sent something Bedrock refuses)', async () => {
    h.upstream.fault = {
      kind: 'status',
      status: 400,
      body: JSON.stringify({ message: 'The provided model identifier is invalid.' }),
      headers: { 'x-amzn-errortype': 'ValidationException:http://internal.amazon.com/coral/' },
    };
    const e = await failure(h.bedrock.send(converse));
    expect(e.name).toBe('ValidationException');
    expect(e.message).toBe('The provided model identifier is invalid.');
  });

  it('times out as ModelTimeoutException (504)', async () => {
    h.upstream.fault = { kind: 'hang' };
    const e = await failure(h.bedrock.send(converse));
    expect(e.name).toBe('ModelTimeoutException');
    expect(e.$metadata?.httpStatusCode).toBe(504);
  });

  it('maps malformed JSON to InternalServerException (502)', async () => {
    h.upstream.fault = { kind: 'malformed' };
    const e = await failure(h.bedrock.send(converse));
    expect(e.name).toBe('InternalServerException');
    expect(e.$metadata?.httpStatusCode).toBe(502);
  });

  it('ends a cut ConverseStream with ModelStreamErrorException', async () => {
    h.upstream.fault = { kind: 'cut' };
    const out = await h.bedrock.send(
      new ConverseStreamCommand({
        modelId: 'amazon.nova-lite-v1:0',
        messages: [{ role: 'user', content: [{ text: 'hi' }] }],
      }),
    );
    const e = await failure(
      (async () => {
        for await (const _ of out.stream ?? []) {
        }
      })(),
    );
    expect(e.name).toBe('ModelStreamErrorException');
  });
});
