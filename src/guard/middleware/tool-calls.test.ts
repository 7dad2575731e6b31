import { describe, expect, it } from 'vitest';
import { createGuard } from '../create-guard.js';
import type { ToolCallVerdict } from '../tools/index.js';
import type { GuardedRequest } from './guarded-request.js';
import { MiddlewareCore, type StewardMiddlewareOptions } from './middleware-core.js';
import { blockedBy, guardedRequest, TEST_POLICY, toolCompletion } from './test-helpers.js';

const TOOLS_POLICY = `
tools:
  deny: [shell_*]
  requireApproval: [send_email]
  denyPatterns:
    hosts: [private]
    sqlVerbs: [DROP]
`;

const guarded = (policyText = TOOLS_POLICY, options: Partial<StewardMiddlewareOptions<unknown>> = {}) =>
  guardedRequest(createGuard({ policyText }), options);

describe('GuardedRequest.checkToolCalls', () => {
  it('allows calls the policy allows and records their verdicts', async () => {
    const g = await guarded();
    const check = g.checkToolCalls([{ id: 'c1', name: 'search', arguments: '{"q":"weather"}' }]);
    expect(check).toEqual({
      decision: 'allow',
      verdicts: [{ id: 'c1', name: 'search', decision: 'allow', reasons: [] }],
    });
    expect(g.auditEvent().tools).toEqual([{ id: 'c1', name: 'search', decision: 'allow' }]);
    expect(g.blocked).toBe(false);
  });

  it('takes parsed arguments (Bedrock toolUse.input) and blocks a private host, naming the tool', async () => {
    const g = await guarded();
    const e = blockedBy(() =>
      g.checkToolCalls([
        { id: 't1', name: 'fetch_url', arguments: { url: 'http://169.254.169.254/latest/meta-data/' } },
        { id: 't2', name: 'run_sql', arguments: { query: 'DROP TABLE users' } },
      ]),
    );
    expect(e.code).toBe('guard_blocked');
    expect(e.status).toBe(400);
    expect(e.message).toMatch(/^response blocked by tools: fetch_url: .*denied host .* \| run_sql: .*DROP/);
    expect(g.blocked).toBe(true);
    const audit = g.auditEvent(400);
    expect(audit).toMatchObject({
      blockedBy: 'tools',
      reason: 'blocked by tools: fetch_url, run_sql',
      action: 'block',
    });
    expect(audit.tools?.map((t) => t.decision)).toEqual(['block', 'block']);
  });

  it('returns require_approval with the approval details for the calls that wait', async () => {
    const g = await guarded();
    const check = g.checkToolCalls([
      { id: 'a', name: 'search', arguments: '{}' },
      { id: 'b', name: 'send_email', arguments: '{"to":"x@example.com"}' },
    ]);
    expect(check.decision).toBe('require_approval');
    expect(check.pendingApproval).toMatchObject({
      type: 'pending_approval',
      tool_calls: [{ id: 'b', name: 'send_email', arguments: '{"to":"x@example.com"}' }],
    });
    expect(check.pendingApproval?.approval_id).toMatch(/^apr_/);
  });

  it('names calls without an id by position', async () => {
    const g = await guarded();
    const check = g.checkToolCalls([{ name: 'a' }, { name: 'b', arguments: '' }]);
    expect(check.verdicts.map((v) => v.id)).toEqual(['call_0', 'call_1']);
  });

  it('allows everything and records nothing when the policy has no tools section', async () => {
    const g = await guarded('input:\n  - scanner: secrets\n    action: redact\n');
    expect(g.checkToolCalls([{ id: 'x', name: 'shell_exec', arguments: '{"cmd":"rm -rf /"}' }])).toEqual({
      decision: 'allow',
      verdicts: [],
    });
    expect(g.auditEvent().tools).toBeUndefined();
  });

  it('rejects malformed input with a TypeError that says what is wrong', async () => {
    const g = await guarded();
    const bad = (calls: unknown) => () => g.checkToolCalls(calls as Parameters<GuardedRequest['checkToolCalls']>[0]);
    expect(bad({ name: 'x' })).toThrow(/takes an array of tool calls .* not object/);
    expect(bad(null)).toThrow(/not null/);
    expect(bad(['search'])).toThrow('tool call 0 must be an object');
    expect(
      bad([
        { id: 'a', name: 'ok' },
        { id: 'b', name: '  ' },
      ]),
    ).toThrow('tool call 1 needs a non-empty string name');
    expect(bad([{ id: 7, name: 'x' }])).toThrow('tool call 0: id must be a string');
    expect(g.auditEvent().tools).toBeUndefined();
  });

  it('hands every check’s verdicts, blocked ones included, to onToolVerdicts', async () => {
    const seen: { verdicts: readonly ToolCallVerdict[]; id: string }[] = [];
    const g = await guarded(TOOLS_POLICY, {
      onToolVerdicts: (verdicts, request) => seen.push({ verdicts, id: request.id }),
    });
    g.checkToolCalls([{ id: 'a', name: 'search' }]);
    blockedBy(() => g.checkToolCalls([{ id: 'b', name: 'shell_exec' }]));
    expect(seen.map((s) => s.verdicts.map((v) => `${v.name}:${v.decision}`))).toEqual([
      ['search:allow'],
      ['shell_exec:block'],
    ]);
    expect(seen.every((s) => s.id === g.id)).toBe(true);
    expect(
      () => new MiddlewareCore({ guard: createGuard({ policyText: TOOLS_POLICY }), onToolVerdicts: 'count' as never }),
    ).toThrow('options.onToolVerdicts must be a function');
  });
});

describe('GuardedRequest.guardCompletion with tool calls', () => {
  it('checks the tool calls of every choice', async () => {
    const g = await guarded();
    const completion = toolCompletion([['search', {}]]);
    const second = toolCompletion([['shell_rm', {}]]).choices[0]!;
    completion.choices.push({ ...second, index: 1 });
    const e = blockedBy(() => g.guardCompletion(completion));
    expect(e.message).toMatch(/^response blocked by tools: shell_rm: tool "shell_rm" is denied/);
    expect(g.auditEvent(400).tools?.map((t) => t.name)).toEqual(['search', 'shell_rm']);
  });

  it('returns the model’s own object when no call needs approval, the pending one otherwise', async () => {
    const g = await guarded();
    const allowed = toolCompletion([['search', { q: 'x' }]]);
    expect(g.guardCompletion(allowed)).toBe(allowed);
    const pending = g.guardCompletion(toolCompletion([['send_email', { to: 'a@example.com' }]]));
    expect(pending).toMatchObject({
      object: 'chat.completion',
      model: 'gpt-test',
      choices: [{ finish_reason: 'stop', message: { role: 'assistant' } }],
      steward: { type: 'pending_approval', tool_calls: [{ name: 'send_email' }] },
    });
  });

  it('blocks on the text before looking at the tool calls, as the gateway does', async () => {
    const g = await guarded(TEST_POLICY);
    const leak = toolCompletion([['transfer_funds', {}]], `The canary is ${g.session.canary}`);
    // No system prompt here, so the canary is the session's own: it must still never leave.
    const e = blockedBy(() => g.guardCompletion(leak));
    expect(e.message).toMatch(/^response blocked by system_prompt_leak/);
    expect(g.auditEvent(400).tools).toBeUndefined();
  });
});
