/** Tool-call checks on Converse and ConverseStream answers (allowed, needing approval, denied). */
import { ConverseCommand, ConverseStreamCommand, type ConverseStreamOutput } from '@aws-sdk/client-bedrock-runtime';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness.js';

const POLICY = `
version: 1
tools:
  deny: ["delete_*"]
  requireApproval: [transfer_funds]
`;

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ policyText: POLICY });
});
afterAll(async () => {
  await h?.close();
});
beforeEach(() => h.upstream.reset());

const MODEL = 'amazon.nova-pro-v1:0';
const request = { modelId: MODEL, messages: [{ role: 'user' as const, content: [{ text: 'do the thing' }] }] };

async function events(stream: AsyncIterable<ConverseStreamOutput> | undefined): Promise<ConverseStreamOutput[]> {
  const out: ConverseStreamOutput[] = [];
  for await (const e of stream ?? []) out.push(e);
  return out;
}

describe('Converse tool calls', () => {
  it('passes an allowed call through', async () => {
    h.upstream.toolCalls = [{ id: 'tu_1', name: 'get_weather', arguments: '{"city":"Oslo"}' }];
    const out = await h.bedrock.send(new ConverseCommand(request));
    expect(out.stopReason).toBe('tool_use');
    expect(out.output?.message?.content?.[0]?.toolUse).toMatchObject({
      toolUseId: 'tu_1',
      name: 'get_weather',
      input: { city: 'Oslo' },
    });
  });

  it('replaces a call needing approval with the pending-approval answer', async () => {
    h.upstream.toolCalls = [{ id: 'tu_2', name: 'transfer_funds', arguments: '{"amount":10}' }];
    const out = await h.bedrock.send(new ConverseCommand(request));
    expect(out.stopReason).toBe('end_turn');
    const content = out.output?.message?.content ?? [];
    expect(content.some((b) => b.toolUse)).toBe(false);
    expect(content[0]?.text).toMatch(/transfer_funds.*approval/);
  });

  it('blocks a denied call with GuardBlockedException', async () => {
    h.upstream.toolCalls = [{ id: 'tu_3', name: 'delete_bucket', arguments: '{}' }];
    const e = (await h.bedrock.send(new ConverseCommand(request)).catch((x: unknown) => x)) as Error;
    expect(e.name).toBe('GuardBlockedException');
    expect(e.message).toMatch(/delete_bucket/);
  });
});

describe('ConverseStream tool calls', () => {
  it('releases an allowed call after checking it', async () => {
    h.upstream.toolCalls = [{ id: 'tu_4', name: 'get_weather', arguments: '{"city":"Rome"}' }];
    const out = await h.bedrock.send(new ConverseStreamCommand(request));
    const all = await events(out.stream);
    expect(all.find((e) => e.contentBlockStart)?.contentBlockStart?.start?.toolUse?.name).toBe('get_weather');
    expect(all.map((e) => e.contentBlockDelta?.delta?.toolUse?.input ?? '').join('')).toBe('{"city":"Rome"}');
    expect(all.find((e) => e.messageStop)?.messageStop?.stopReason).toBe('tool_use');
  });

  it('streams the pending-approval text instead of a call needing approval', async () => {
    h.upstream.toolCalls = [{ id: 'tu_5', name: 'transfer_funds', arguments: '{"amount":99}' }];
    const out = await h.bedrock.send(new ConverseStreamCommand(request));
    const all = await events(out.stream);
    expect(all.some((e) => e.contentBlockStart?.start?.toolUse)).toBe(false);
    expect(all.map((e) => e.contentBlockDelta?.delta?.text ?? '').join('')).toMatch(/transfer_funds.*approval/);
    expect(all.find((e) => e.messageStop)?.messageStop?.stopReason).toBe('end_turn');
    expect(all.at(-1)?.metadata?.usage?.totalTokens).toBe(18);
  });

  it('stops the stream with GuardBlockedException on a denied call', async () => {
    h.upstream.toolCalls = [{ id: 'tu_6', name: 'delete_all', arguments: '{}' }];
    const out = await h.bedrock.send(new ConverseStreamCommand(request));
    const e = (await events(out.stream).catch((x: unknown) => x)) as Error;
    expect(e.name).toBe('GuardBlockedException');
  });
});
