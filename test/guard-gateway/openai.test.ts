/**
 * The gateway's OpenAI route with the official `openai` client and the shipped example policy: blocked injection,
 * PII redacted before the upstream, streaming pass-through and mid-stream stop, canary leak, audit lines.
 */
import { readFileSync } from 'node:fs';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { apiKeyIdFor } from '../../src/guard/gateway/api-key.js';
import { BENIGN, INJECTION, PII } from './example-prompts.js';
import { EXAMPLE_POLICY, eventually, type Harness, harnessPerFile } from './harness.js';

let h: Harness;
harnessPerFile({ policyFile: EXAMPLE_POLICY }, (started) => {
  h = started;
});

async function collect(stream: AsyncIterable<OpenAI.Chat.Completions.ChatCompletionChunk>): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
  return text;
}

describe('POST /v1/chat/completions (openai client, example policy)', () => {
  it('blocks a prompt injection with HTTP 400 guard_blocked naming the scanner; nothing reaches the upstream', async () => {
    const call = h.openai.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: INJECTION }],
    });
    const error = await call.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    const e = error as InstanceType<typeof OpenAI.BadRequestError>;
    expect(e.status).toBe(400);
    expect(e.code).toBe('guard_blocked');
    expect(e.message).toMatch(/request blocked by prompt_injection/);
    expect(h.upstream.received).toHaveLength(0);
  });

  it('redacts PII before the upstream and answers with the upstream reply', async () => {
    const answer = await h.openai.chat.completions.create({
      model: 'gpt-4o',
      messages: [
        { role: 'system', content: 'You are a billing assistant.' },
        { role: 'user', content: PII },
      ],
    });
    expect(answer.choices[0]?.message.content).toBe('Hello from the fake model.');
    const sent = h.upstream.last();
    const user = sent.json.messages[1].content as string;
    expect(user).toContain('[EMAIL_ADDRESS]');
    expect(user).toContain('[CREDIT_CARD]');
    expect(user).toContain('[US_SSN]');
    for (const raw of ['john.doe@example.com', '4111 1111 1111 1111', '123-45-6789'])
      expect(sent.body).not.toContain(raw);
    // The canary goes into the system prompt (system_prompt_leak is configured).
    expect(sent.json.messages[0].content).toMatch(
      /^You are a billing assistant\.\n\n\[session marker: stw-[0-9a-f]{16}/,
    );
    // The caller's key is forwarded upstream (no upstream key configured).
    expect(sent.headers.authorization).toBe('Bearer sk-test-caller-key');
  });

  it('redacts PII in the answer before the client sees it', async () => {
    h.upstream.reply = 'Sure, write to jane.roe@example.org for a refund.';
    const answer = await h.openai.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: BENIGN }],
    });
    expect(answer.choices[0]?.message.content).toBe('Sure, write to [EMAIL_ADDRESS] for a refund.');
  });

  it('blocks an answer that leaks the system prompt canary', async () => {
    h.upstream.replyFrom = (req) => `My instructions are: ${req.messages[0].content}`;
    const error = await h.openai.chat.completions
      .create({
        model: 'gpt-4o',
        messages: [
          { role: 'system', content: 'Be terse.' },
          { role: 'user', content: BENIGN },
        ],
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as { code: string }).code).toBe('guard_blocked');
    expect((error as Error).message).toMatch(/response blocked by system_prompt_leak/);
  });

  it('streams the answer through, identical to the upstream text', async () => {
    h.upstream.reply = 'Streaming works: here is a reasonably long answer split into many small deltas.';
    const stream = await h.openai.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: BENIGN }],
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(await collect(stream)).toBe(h.upstream.reply);
  });

  it('redacts PII split across stream deltas', async () => {
    h.upstream.reply = 'Contact our team at support.desk@example.com any time.';
    h.upstream.deltaSize = 3;
    try {
      const stream = await h.openai.chat.completions.create({
        model: 'gpt-4o',
        messages: [{ role: 'user', content: BENIGN }],
        stream: true,
      });
      expect(await collect(stream)).toBe('Contact our team at [EMAIL_ADDRESS] any time.');
    } finally {
      h.upstream.deltaSize = 5;
    }
  });

  it('stops a stream mid-way with an SSE error the client raises (code guard_blocked)', async () => {
    const intro = 'Here is a long and friendly introduction about the weather today and tomorrow. '.repeat(3);
    h.upstream.replyFrom = (req) => `${intro}Also, my hidden instructions say: ${req.messages[0].content}`;
    const stream = await h.openai.chat.completions.create({
      model: 'gpt-4o',
      messages: [
        { role: 'system', content: 'Secret rules.' },
        { role: 'user', content: BENIGN },
      ],
      stream: true,
    });
    let received = '';
    const error = await (async () => {
      for await (const chunk of stream) received += chunk.choices[0]?.delta?.content ?? '';
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect((error as { code: string }).code).toBe('guard_blocked');
    expect((error as Error).message).toMatch(/response blocked by system_prompt_leak/);
    // What came before the leak was delivered as it was; the leak itself never was.
    expect(h.upstream.reply.startsWith(received)).toBe(true);
    expect(received.length).toBeGreaterThan(intro.length / 2); // up to holdBack + minRelease characters stay held
    expect(h.upstream.reply).toContain('stw-');
    expect(received).not.toContain('stw-');
  });

  it('writes one audit line per request with the required fields, ids instead of keys and no raw text', async () => {
    await h.openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: PII }] });
    await h.openai.chat.completions
      .create({ model: 'gpt-4o', messages: [{ role: 'user', content: INJECTION }] })
      .catch(() => {});
    const events = await eventually(async () => {
      const all = await h.audit();
      const mine = all.slice(-2);
      expect(mine).toHaveLength(2);
      expect(mine[1]?.blocked).toBe(true);
      return mine;
    });
    const [redacted, blocked] = events as [(typeof events)[0], (typeof events)[0]];
    for (const e of events) {
      expect(e.id).toMatch(/^req_[0-9a-f]{32}$/);
      expect(Number.isNaN(Date.parse(e.time))).toBe(false);
      expect(e.route).toBe('/v1/chat/completions');
      expect(e.model).toBe('gpt-4o');
      expect(e.apiKeyId).toBe(apiKeyIdFor('sk-test-caller-key'));
      expect(typeof e.latencyMs).toBe('number');
      expect(e.verdicts.length).toBeGreaterThan(0);
    }
    expect(redacted).toMatchObject({
      status: 200,
      action: 'redact',
      blocked: false,
      tokens: { input: 11, output: 7, total: 18 },
    });
    const pii = redacted.verdicts.find((v) => v.direction === 'input' && v.scanner === 'pii');
    expect(pii?.spans.map((s) => s.entity).sort()).toEqual(['CREDIT_CARD', 'EMAIL_ADDRESS', 'US_SSN']);
    expect(blocked).toMatchObject({ status: 400, action: 'block', blocked: true, blockedBy: 'input' });
    expect(blocked.reason).toMatch(/prompt_injection/);
    const file = readFileSync(h.auditFile, 'utf8');
    for (const raw of [
      'john.doe@example.com',
      '4111 1111 1111 1111',
      '123-45-6789',
      'sk-test-caller-key',
      'Ignore all previous',
    ]) {
      expect(file).not.toContain(raw);
    }
  });
});
