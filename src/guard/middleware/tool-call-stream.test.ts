import { describe, expect, it } from 'vitest';
import { createGuard } from '../create-guard.js';
import { blockedBy, guardedRequest } from './test-helpers.js';

const guard = createGuard({
  policyText: `
tools:
  allow: [get_weather, transfer_funds]
  requireApproval: [transfer_funds]
  denyPatterns:
    hosts: [private]
`,
});

/** A call's `delta.tool_calls` fragments as OpenAI streams them: id and name first, arguments in pieces. */
function fragments(index: number, id: string, name: string, args: string): unknown[][] {
  const head = [{ index, id, type: 'function', function: { name, arguments: '' } }];
  const pieces: unknown[][] = [head];
  for (let i = 0; i < args.length; i += 7) pieces.push([{ index, function: { arguments: args.slice(i, i + 7) } }]);
  return pieces;
}

describe('GuardedRequest.streamToolCalls', () => {
  it('assembles allowed calls from their fragments and returns them whole', async () => {
    const g = await guardedRequest(guard);
    const tools = g.streamToolCalls();
    const a = fragments(0, 'call_a', 'get_weather', '{"city":"Paris"}');
    const b = fragments(1, 'call_b', 'get_weather', '{"city":"Lima"}');
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      tools.push(a[i]);
      tools.push(b[i]);
    }
    tools.push(undefined); // a chunk without tool calls
    const r = tools.end();
    expect(r.decision).toBe('allow');
    expect(r.toolCalls).toEqual([
      { index: 0, id: 'call_a', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
      { index: 1, id: 'call_b', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Lima"}' } },
    ]);
    expect(r.pendingApprovalChunks).toBeUndefined();
    expect(g.auditEvent().tools?.map((t) => `${t.id}:${t.decision}`)).toEqual(['call_a:allow', 'call_b:allow']);
  });

  it('throws guard_blocked naming the tool when the assembled arguments are denied', async () => {
    const g = await guardedRequest(guard);
    const tools = g.streamToolCalls();
    // The host is split over fragments: only the assembled arguments show it.
    for (const f of fragments(0, 'call_x', 'get_weather', '{"city":"x","url":"http://10.1.2.3/admin"}')) tools.push(f);
    const e = blockedBy(() => tools.end());
    expect(e.code).toBe('guard_blocked');
    expect(e.message).toMatch(/^response blocked by tools: get_weather: argument \$\.url .*denied host/);
    expect(g.auditEvent(400)).toMatchObject({
      blockedBy: 'tools',
      tools: [{ name: 'get_weather', decision: 'block' }],
    });
  });

  it('returns the gateway’s pending-approval chunks for a call that needs approval', async () => {
    const g = await guardedRequest(guard);
    const tools = g.streamToolCalls();
    for (const f of fragments(0, 'call_t', 'transfer_funds', '{"amount":5}')) tools.push(f);
    const r = tools.end();
    expect(r.decision).toBe('require_approval');
    expect(r.toolCalls).toEqual([]);
    const chunks = r.pendingApprovalChunks!;
    expect(chunks.map((c) => c.object)).toEqual(Array(3).fill('chat.completion.chunk'));
    expect(
      chunks.every((c) => c.model === 'gpt-test' && c.id === `chatcmpl-steward-${r.pendingApproval!.approval_id}`),
    ).toBe(true);
    const last = chunks[2]!;
    expect(last.choices[0]!.finish_reason).toBe('stop');
    expect('steward' in last && last.steward.tool_calls).toEqual([
      { id: 'call_t', name: 'transfer_funds', arguments: '{"amount":5}', reasons: r.verdicts[0]!.reasons },
    ]);
  });

  it('refuses use after end()', async () => {
    const g = await guardedRequest(guard);
    const tools = g.streamToolCalls();
    expect(tools.end()).toEqual({ decision: 'allow', verdicts: [], toolCalls: [] });
    expect(() => tools.push([])).toThrow('push() after end()');
    expect(() => tools.end()).toThrow('end() called twice');
  });
});
