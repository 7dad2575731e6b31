/** The OpenAI route under a policy exercising tokenize/restore, tool rules, limits and audit texts. */
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eventually, type Harness, startHarness } from './harness.js';

const POLICY = `
version: 1
audit:
  includeText: true
input:
  - scanner: pii
    action: tokenize
    restore: true
    entities: [EMAIL_ADDRESS]
output:
  - scanner: regex
    id: forbidden
    action: block
    patterns: ["FORBIDDEN"]
tools:
  deny: ["delete_*"]
  requireApproval: [transfer_funds]
limits:
  maxTokens: 100
`;

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ policyText: POLICY }, { upstreamApiKey: 'sk-gateway-own-key' });
});
afterAll(async () => {
  await h?.close();
});
beforeEach(() => h.upstream.reset());

const ask = (content: string) => ({ model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content }] });

describe('tokenize with restore', () => {
  it('hands the upstream a token and gives the caller the original back', async () => {
    h.upstream.replyFrom = (req) =>
      `I will write to ${/\[EMAIL_ADDRESS_\d+\]/.exec(req.messages[0].content)?.[0]} today.`;
    const answer = await h.openai.chat.completions.create(ask('Email me at amy@example.com please'));
    expect(h.upstream.last().json.messages[0].content).toBe('Email me at [EMAIL_ADDRESS_1] please');
    expect(answer.choices[0]?.message.content).toBe('I will write to amy@example.com today.');
  });

  it('restores tokens in a stream too', async () => {
    h.upstream.replyFrom = () => 'Noted: [EMAIL_ADDRESS_1] is your contact address.';
    h.upstream.deltaSize = 4;
    try {
      const stream = await h.openai.chat.completions.create({ ...ask('my mail is bo@example.net'), stream: true });
      let text = '';
      for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
      expect(text).toBe('Noted: bo@example.net is your contact address.');
    } finally {
      h.upstream.deltaSize = 5;
    }
  });
});

describe('tool calls', () => {
  it('passes allowed calls through unchanged', async () => {
    h.upstream.toolCalls = [{ id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' }];
    const answer = await h.openai.chat.completions.create(ask('weather?'));
    const call = answer.choices[0]?.message.tool_calls?.[0];
    expect(call?.type === 'function' && call.function).toEqual({ name: 'get_weather', arguments: '{"city":"Paris"}' });
  });

  it('answers with the pending-approval completion instead of a call that needs approval', async () => {
    h.upstream.toolCalls = [{ id: 'call_9', name: 'transfer_funds', arguments: '{"amount":5000}' }];
    const answer = await h.openai.chat.completions.create(ask('pay the invoice'));
    const choice = answer.choices[0]!;
    expect(choice.finish_reason).toBe('stop');
    expect(choice.message.tool_calls ?? []).toHaveLength(0);
    expect(choice.message.content).toMatch(/transfer_funds.*approval/);
    const steward = (answer as unknown as { steward: { type: string; tool_calls: { id: string }[] } }).steward;
    expect(steward.type).toBe('pending_approval');
    expect(steward.tool_calls.map((c) => c.id)).toEqual(['call_9']);
  });

  it('blocks a denied call with guard_blocked naming the tool', async () => {
    h.upstream.toolCalls = [{ id: 'call_2', name: 'delete_repo', arguments: '{}' }];
    const error = await h.openai.chat.completions.create(ask('clean up')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as { code: string }).code).toBe('guard_blocked');
    expect((error as Error).message).toMatch(/delete_repo/);
  });

  it('holds streamed tool-call deltas and sends allowed calls whole', async () => {
    h.upstream.toolCalls = [{ id: 'call_3', name: 'get_weather', arguments: '{"city":"Lisbon","unit":"celsius"}' }];
    const stream = await h.openai.chat.completions.create({ ...ask('weather?'), stream: true });
    const args: string[] = [];
    let finish: string | null | undefined;
    for await (const chunk of stream) {
      for (const tc of chunk.choices[0]?.delta?.tool_calls ?? []) args.push(tc.function?.arguments ?? '');
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect(args.join('')).toBe('{"city":"Lisbon","unit":"celsius"}');
    expect(finish).toBe('tool_calls');
  });

  it('streams the pending-approval message instead of a call that needs approval', async () => {
    h.upstream.toolCalls = [{ id: 'call_4', name: 'transfer_funds', arguments: '{"amount":1}' }];
    const stream = await h.openai.chat.completions.create({ ...ask('pay'), stream: true });
    let text = '';
    let calls = 0;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta?.content ?? '';
      calls += chunk.choices[0]?.delta?.tool_calls?.length ?? 0;
    }
    expect(calls).toBe(0);
    expect(text).toMatch(/transfer_funds.*approval/);
  });

  it('stops a stream with guard_blocked on a denied call', async () => {
    h.upstream.toolCalls = [{ id: 'call_5', name: 'delete_everything', arguments: '{}' }];
    const stream = await h.openai.chat.completions.create({ ...ask('go'), stream: true });
    const error = await (async () => {
      for await (const _ of stream) {
      }
    })().catch((e: unknown) => e);
    expect((error as { code: string }).code).toBe('guard_blocked');
  });
});

describe('output block, limits, upstream key, audit texts', () => {
  it('blocks a non-streamed answer the output policy blocks', async () => {
    h.upstream.reply = 'This is FORBIDDEN content.';
    const error = await h.openai.chat.completions.create(ask('hello')).catch((e: unknown) => e);
    expect((error as { code: string }).code).toBe('guard_blocked');
    expect((error as Error).message).toMatch(/response blocked by regex \(forbidden\)/);
  });

  it('caps completion tokens at limits.maxTokens and refuses requests asking for more', async () => {
    await h.openai.chat.completions.create(ask('hello'));
    expect(h.upstream.last().json.max_tokens).toBe(100);
    const error = await h.openai.chat.completions.create({ ...ask('hello'), max_tokens: 500 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as { code: string }).code).toBe('limit_exceeded');
    expect(h.upstream.received).toHaveLength(1);
  });

  it("sends the gateway's own upstream key instead of the caller's", async () => {
    await h.openai.chat.completions.create(ask('hello'));
    expect(h.upstream.last().headers.authorization).toBe('Bearer sk-gateway-own-key');
  });

  it('puts texts into audit lines when audit.includeText is on', async () => {
    await h.openai.chat.completions.create(ask('note: carl@example.com'));
    const event = await eventually(async () => {
      const e = (await h.audit()).at(-1);
      expect(e?.input?.[0]?.text).toBe('note: carl@example.com');
      return e!;
    });
    expect(event.output).toEqual(['Hello from the fake model.']);
    expect(event.action).toBe('tokenize');
  });
});
