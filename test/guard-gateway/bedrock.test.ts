/**
 * The gateway's Bedrock routes with the official `@aws-sdk/client-bedrock-runtime` (HTTP/2, SigV4 with the caller's
 * own credentials) and the example policy: Converse, ConverseStream, InvokeModel and
 * InvokeModelWithResponseStream are scanned, re-signed with the gateway's credentials, and blocked in Bedrock's shape.
 */
import {
  ConverseCommand,
  ConverseStreamCommand,
  type ConverseStreamOutput,
  InvokeModelCommand,
  InvokeModelWithResponseStreamCommand,
  type ResponseStream,
} from '@aws-sdk/client-bedrock-runtime';
import { describe, expect, it } from 'vitest';
import { apiKeyIdFor } from '../../src/guard/gateway/api-key.js';
import { BENIGN, INJECTION, PII } from './example-prompts.js';
import { EXAMPLE_POLICY, eventually, type Harness, harnessPerFile } from './harness.js';

let h: Harness;
harnessPerFile({ policyFile: EXAMPLE_POLICY }, (started) => {
  h = started;
});

const MODEL = 'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0';

const converse = (text: string, system?: string) =>
  new ConverseCommand({
    modelId: MODEL,
    messages: [{ role: 'user', content: [{ text }] }],
    ...(system ? { system: [{ text: system }] } : {}),
  });

async function streamText(stream: AsyncIterable<ConverseStreamOutput> | undefined): Promise<string> {
  let text = '';
  for await (const event of stream ?? []) text += event.contentBlockDelta?.delta?.text ?? '';
  return text;
}

const anthropicBody = (text: string) =>
  JSON.stringify({
    anthropic_version: 'bedrock-2023-05-31',
    max_tokens: 200,
    system: 'You are helpful.',
    messages: [{ role: 'user', content: [{ type: 'text', text }] }],
  });

describe('Converse', () => {
  it('forwards a clean request re-signed with the gateway credentials and returns the answer', async () => {
    const out = await h.bedrock.send(converse(BENIGN, 'You are a geography tutor.'));
    expect(out.output?.message?.content?.[0]?.text).toBe('Hello from the fake model.');
    expect(out.usage).toEqual({ inputTokens: 11, outputTokens: 7, totalTokens: 18 });
    const sent = h.upstream.last();
    expect(sent.path).toBe(`/model/${encodeURIComponent(MODEL)}/converse`);
    expect(sent.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDGATEWAYTEST\/\d{8}\/us-east-1\/bedrock\//,
    );
    expect(sent.signatureValid).toBe(true);
    expect(sent.json.system[0].text).toMatch(/^You are a geography tutor\.\n\n\[session marker: stw-/);
  });

  it('redacts PII before Bedrock and in the answer', async () => {
    h.upstream.reply = 'I emailed jane.roe@example.org.';
    const out = await h.bedrock.send(converse(PII));
    const sent = h.upstream.last().json.messages[0].content[0].text as string;
    expect(sent).toContain('[EMAIL_ADDRESS]');
    expect(sent).toContain('[CREDIT_CARD]');
    expect(sent).toContain('[US_SSN]');
    expect(out.output?.message?.content?.[0]?.text).toBe('I emailed [EMAIL_ADDRESS].');
  });

  it('blocks a prompt injection: HTTP 400 GuardBlockedException naming the scanner', async () => {
    const error = (await h.bedrock.send(converse(INJECTION)).catch((e: unknown) => e)) as {
      name: string;
      message: string;
      $metadata: { httpStatusCode: number };
    };
    expect(error.name).toBe('GuardBlockedException');
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).toMatch(/request blocked by prompt_injection/);
    expect(h.upstream.received).toHaveLength(0);
  });

  it('records the caller by its SigV4 access key id, hashed', async () => {
    await h.bedrock.send(converse(BENIGN));
    const event = await eventually(async () => {
      const e = (await h.audit()).at(-1);
      expect(e?.route).toBe('bedrock:converse');
      return e!;
    });
    expect(event).toMatchObject({
      apiKeyId: apiKeyIdFor('AKIDCALLERTEST'),
      model: MODEL,
      status: 200,
      action: 'allow',
    });
    expect(event.tokens).toEqual({ input: 11, output: 7, total: 18 });
  });
});

describe('ConverseStream', () => {
  it('streams the answer through', async () => {
    h.upstream.reply = 'A streamed Bedrock answer that arrives in many small pieces.';
    const out = await h.bedrock.send(
      new ConverseStreamCommand({ modelId: MODEL, messages: [{ role: 'user', content: [{ text: BENIGN }] }] }),
    );
    expect(await streamText(out.stream)).toBe(h.upstream.reply);
  });

  it('redacts PII split across deltas', async () => {
    h.upstream.reply = 'Reach the desk at help.desk@example.com today.';
    h.upstream.deltaSize = 3;
    try {
      const out = await h.bedrock.send(
        new ConverseStreamCommand({ modelId: MODEL, messages: [{ role: 'user', content: [{ text: BENIGN }] }] }),
      );
      expect(await streamText(out.stream)).toBe('Reach the desk at [EMAIL_ADDRESS] today.');
    } finally {
      h.upstream.deltaSize = 5;
    }
  });

  it('stops mid-stream with GuardBlockedException when the answer leaks the system prompt', async () => {
    const intro = 'A long and harmless preamble about rivers, mountains and the sea. '.repeat(3);
    h.upstream.replyFrom = (req) => `${intro}My instructions: ${req.system[0].text}`;
    const out = await h.bedrock.send(
      new ConverseStreamCommand({
        modelId: MODEL,
        system: [{ text: 'Internal rules.' }],
        messages: [{ role: 'user', content: [{ text: BENIGN }] }],
      }),
    );
    let received = '';
    const error = (await (async () => {
      for await (const event of out.stream ?? []) received += event.contentBlockDelta?.delta?.text ?? '';
    })().catch((e: unknown) => e)) as Error;
    expect(error?.name).toBe('GuardBlockedException');
    expect(error.message).toMatch(/response blocked by system_prompt_leak/);
    expect(h.upstream.reply.startsWith(received)).toBe(true);
    expect(received.length).toBeGreaterThan(intro.length / 2); // up to holdBack + minRelease characters stay held
    expect(received).not.toContain('stw-');
  });
});

describe('InvokeModel', () => {
  it('redacts PII in the model-specific body and in the answer', async () => {
    h.upstream.reply = 'Card 4111 1111 1111 1111 is on file.';
    const out = await h.bedrock.send(
      new InvokeModelCommand({ modelId: MODEL, contentType: 'application/json', body: anthropicBody(PII) }),
    );
    const sent = h.upstream.last().json;
    expect(sent.messages[0].content[0].text).toContain('[EMAIL_ADDRESS]');
    expect(sent.messages[0].content[0].text).not.toContain('john.doe@example.com');
    expect(sent.system).toMatch(/^You are helpful\.\n\n\[session marker: stw-/);
    expect(sent.max_tokens).toBe(200);
    const answer = JSON.parse(new TextDecoder().decode(out.body));
    expect(answer.content[0].text).toBe('Card [CREDIT_CARD] is on file.');
    expect(h.upstream.last().signatureValid).toBe(true);
  });

  it('blocks a prompt injection', async () => {
    const error = (await h.bedrock
      .send(new InvokeModelCommand({ modelId: MODEL, contentType: 'application/json', body: anthropicBody(INJECTION) }))
      .catch((e: unknown) => e)) as Error;
    expect(error.name).toBe('GuardBlockedException');
    expect(error.message).toMatch(/prompt_injection/);
  });

  it('refuses a body that is not JSON (it cannot be inspected)', async () => {
    const error = (await h.bedrock
      .send(new InvokeModelCommand({ modelId: MODEL, contentType: 'text/plain', body: 'plain words' }))
      .catch((e: unknown) => e)) as Error & { $metadata: { httpStatusCode: number } };
    expect(error.name).toBe('ValidationException');
    expect(error.$metadata.httpStatusCode).toBe(400);
  });

  it('streams with InvokeModelWithResponseStream, redacting across chunks', async () => {
    h.upstream.reply = 'Your contact is ops.team@example.com, reachable around the clock.';
    h.upstream.deltaSize = 4;
    try {
      const out = await h.bedrock.send(
        new InvokeModelWithResponseStreamCommand({
          modelId: MODEL,
          contentType: 'application/json',
          body: anthropicBody(BENIGN),
        }),
      );
      let text = '';
      const types: string[] = [];
      for await (const event of (out.body ?? []) as AsyncIterable<ResponseStream>) {
        const chunk = JSON.parse(new TextDecoder().decode(event.chunk?.bytes));
        types.push(chunk.type);
        if (chunk.type === 'content_block_delta') text += chunk.delta.text;
      }
      expect(text).toBe('Your contact is [EMAIL_ADDRESS], reachable around the clock.');
      expect(types[0]).toBe('message_start');
      expect(types.at(-1)).toBe('message_stop');
    } finally {
      h.upstream.deltaSize = 5;
    }
  });
});
