import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { toolCallsFromConverseContent, toolCallsFromOpenAIMessage } from './extract.js';
import {
  pendingApprovalChunks,
  pendingApprovalCompletion,
  pendingApprovalConverse,
  pendingApprovalDetails,
} from './pending-approval.js';
import type { ToolCallVerdict } from './tool-call.js';

const calls = [
  { id: 'call_1', name: 'transfer_funds', arguments: '{"amount":50,"to":"DE89"}' },
  { id: 'call_2', name: 'search_docs', arguments: '{"q":"fees"}' },
];
const verdicts: ToolCallVerdict[] = [
  { id: 'call_1', name: 'transfer_funds', decision: 'require_approval', reasons: ['needs approval'] },
  { id: 'call_2', name: 'search_docs', decision: 'allow', reasons: [] },
];
const input = { model: 'gpt-4o', calls, verdicts, approvalId: 'apr_test', created: 1_700_000_000 };

describe('pending approval responses', () => {
  it('lists only the calls awaiting approval, with their arguments', () => {
    expect(pendingApprovalDetails(input)).toEqual({
      type: 'pending_approval',
      approval_id: 'apr_test',
      tool_calls: [
        { id: 'call_1', name: 'transfer_funds', arguments: '{"amount":50,"to":"DE89"}', reasons: ['needs approval'] },
      ],
    });
    expect(pendingApprovalDetails({ ...input, approvalId: undefined }).approval_id).toMatch(/^apr_[0-9a-f]{24}$/);
  });

  it('is a chat.completion the OpenAI SDK parses, with no tool_calls to execute', async () => {
    const body = pendingApprovalCompletion(input);
    const client = new OpenAI({
      apiKey: 'test',
      baseURL: 'http://gateway.invalid/v1',
      fetch: async () => new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } }),
    });
    const completion = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'x' }],
    });
    const choice = completion.choices[0]!;
    expect(choice.finish_reason).toBe('stop');
    expect(choice.message.tool_calls).toBeUndefined();
    expect(choice.message.content).toContain('`transfer_funds`');
    expect(choice.message.content).toContain('apr_test');
    expect((completion as unknown as { steward: unknown }).steward).toEqual(pendingApprovalDetails(input));
  });

  it('streams as chunks the OpenAI SDK assembles into the same message', async () => {
    const sse = `${pendingApprovalChunks(input)
      .map((c) => `data: ${JSON.stringify(c)}\n\n`)
      .join('')}data: [DONE]\n\n`;
    const client = new OpenAI({
      apiKey: 'test',
      baseURL: 'http://gateway.invalid/v1',
      fetch: async () => new Response(sse, { headers: { 'content-type': 'text/event-stream' } }),
    });
    const stream = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'x' }],
      stream: true,
    });
    let text = '';
    let finish: string | null | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect(text).toBe(pendingApprovalCompletion(input).choices[0]!.message.content);
    expect(finish).toBe('stop');
  });

  it('has a Bedrock Converse form with end_turn and no toolUse', () => {
    const r = pendingApprovalConverse(input);
    expect(r.stopReason).toBe('end_turn');
    expect(r.output.message.content).toEqual([{ text: expect.stringContaining('transfer_funds') }]);
  });
});

describe('tool call extraction', () => {
  it('reads OpenAI tool_calls and Bedrock toolUse blocks, skipping malformed entries', () => {
    expect(
      toolCallsFromOpenAIMessage({
        role: 'assistant',
        tool_calls: [
          { id: 'a', type: 'function', function: { name: 'f', arguments: '{"x":1}' } },
          { id: 'b', type: 'function' },
        ],
      }),
    ).toEqual([{ id: 'a', name: 'f', arguments: '{"x":1}' }]);
    expect(
      toolCallsFromConverseContent([{ text: 'hi' }, { toolUse: { toolUseId: 't1', name: 'g', input: { y: 2 } } }]),
    ).toEqual([{ id: 't1', name: 'g', arguments: { y: 2 } }]);
    expect(toolCallsFromOpenAIMessage(null)).toEqual([]);
    expect(toolCallsFromConverseContent('nope')).toEqual([]);
  });
});
