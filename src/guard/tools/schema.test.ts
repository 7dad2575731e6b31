import { describe, expect, it } from 'vitest';
import { mergeToolsPolicy } from './merge-tools-policy.js';
import { ToolsPolicySchema } from './schema.js';

const issues = (value: unknown) => {
  const r = ToolsPolicySchema.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => ({ path: i.path, message: i.message }));
};

describe('ToolsPolicySchema', () => {
  it('accepts a full policy', () => {
    expect(
      issues({
        allow: ['a'],
        deny: ['b'],
        requireApproval: ['c'],
        arguments: { a: { type: 'object' }, b: true },
        denyPatterns: { paths: ['/etc/**'], hosts: ['private', '10.0.0.0/8'], sqlVerbs: ['DROP'], patterns: ['x+'] },
        maxCalls: 5,
        maxArgumentChars: 1000,
      }),
    ).toEqual([]);
  });

  it('names the field of each compile-time problem', () => {
    expect(issues({ arguments: { a: { type: 'object', requird: ['x'] } } })[0]).toMatchObject({
      path: ['arguments', 'a'],
      message: expect.stringMatching(/invalid JSON Schema: .*requird/),
    });
    expect(issues({ denyPatterns: { hosts: ['10.0.0.0/99'] } })[0]?.path).toEqual(['denyPatterns', 'hosts', 0]);
    expect(issues({ denyPatterns: { patterns: ['(a'] } })[0]?.path).toEqual(['denyPatterns', 'patterns', 0]);
    expect(issues({ denyPatterns: { sqlVerbs: ['DROP TABLE'] } })[0]?.path).toEqual(['denyPatterns', 'sqlVerbs', 0]);
    expect(issues({ alow: ['a'] })[0]?.message).toMatch(/alow/);
  });
});

describe('mergeToolsPolicy', () => {
  it('lets an override replace lists and merge arguments and deny patterns per key', () => {
    const base = ToolsPolicySchema.parse({
      allow: ['a', 'b'],
      requireApproval: ['b'],
      arguments: { a: { type: 'object' } },
      denyPatterns: { paths: ['/etc/**'], hosts: ['private'] },
    });
    const route = ToolsPolicySchema.parse({
      allow: ['a'],
      arguments: { b: { type: 'object' } },
      denyPatterns: { hosts: [] },
    });
    expect(mergeToolsPolicy(base, route)).toEqual({
      allow: ['a'],
      requireApproval: ['b'],
      arguments: { a: { type: 'object' }, b: { type: 'object' } },
      denyPatterns: { paths: ['/etc/**'], hosts: [] },
    });
    expect(mergeToolsPolicy(base, undefined)).toBe(base);
    expect(mergeToolsPolicy(undefined, route)).toBe(route);
  });
});
