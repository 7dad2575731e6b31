import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { literalScanner, scoreScanner } from '../test-helpers.js';
import { loadPolicy, parsePolicy, policyFromObject } from './load-policy.js';

const scanners = [literalScanner(), scoreScanner];
const parse = (yaml: string) => parsePolicy(yaml, 'p.yaml', { scanners });
const errorOf = (yaml: string) => {
  try {
    parse(yaml);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected a policy error');
};

describe('guard policy validation', () => {
  it('reports YAML syntax errors with the line', () => {
    expect(errorOf('version: 1\ninput:\n  - scanner: literal\n   action: block\n')).toMatch(/^p\.yaml:4: invalid YAML/);
  });

  it('rejects unknown keys at their line', () => {
    expect(errorOf('version: 1\nfailMode: closed\nfialMode: open\n')).toMatch(/^p\.yaml:3: \(root\): Unrecognized key/);
    expect(errorOf('routes:\n  /a:\n    limits:\n      maxTokenz: 5\n')).toMatch(/^p\.yaml:4: routes\.\/a\.limits: /);
  });

  it('names the unknown scanner and lists the available ones', () => {
    const msg = errorOf('input:\n  - scanner: literal\n  - scanner: promt_injection\n');
    expect(msg).toMatch(/^p\.yaml:3: input\[1\]\.scanner: unknown scanner "promt_injection"; available: /);
    expect(msg).toContain('length, regex');
    expect(msg).toContain('literal');
  });

  it('rejects a threshold outside 0..1 and a bad action', () => {
    expect(errorOf('input:\n  - scanner: literal\n    threshold: 1.5\n')).toMatch(
      /^p\.yaml:3: input\[0\]\.threshold: /,
    );
    expect(errorOf('output:\n  - scanner: literal\n    action: delete\n')).toMatch(/^p\.yaml:3: output\[0\]\.action: /);
  });

  it("validates the scanner's own options with its schema, at the option's line", () => {
    expect(errorOf('input:\n  - scanner: literal\n    needles: [ok, ""]\n')).toMatch(
      /^p\.yaml:3: input\[0\]\.needles\[1\]: /,
    );
    const stray = errorOf('input:\n  - scanner: literal\n    action: redact\n    needle: [x]\n');
    expect(stray).toMatch(/^p\.yaml:4: input\[0\]\.needle: .*accepts: .*needles/);
  });

  it('reports an invalid regex at its line (RE2 syntax)', () => {
    const msg = errorOf(
      ['input:', '  - scanner: regex', '    patterns:', '      - "ok[0-9]+"', '      - "(?=lookahead)"'].join('\n'),
    );
    expect(msg).toMatch(/^p\.yaml:5: input\[0\]\.patterns\[1\]: invalid regular expression/);
  });

  it('rejects a scanner in a direction it does not support, duplicates and misplaced restore', () => {
    expect(errorOf('output:\n  - scanner: fixed_score\n    score: 1\n')).toMatch(
      /^p\.yaml:2: output\[0\]\.scanner: fixed_score scans input only; move it to input/,
    );
    expect(errorOf('input:\n  - scanner: literal\n  - scanner: literal\n')).toMatch(
      /^p\.yaml:3: input\[1\]: "literal" is listed twice .*distinct `id`/,
    );
    expect(errorOf('input:\n  - scanner: literal\n    action: redact\n    restore: true\n')).toMatch(
      /^p\.yaml:4: input\[0\]\.restore: restore only applies to action: tokenize/,
    );
  });

  it('errors inside route and API-key overrides name their line too', () => {
    const yaml = 'apiKeys:\n  team-a:\n    input:\n      - scanner: literal\n        threshold: -1\n';
    expect(errorOf(yaml)).toMatch(/^p\.yaml:5: apiKeys\.team-a\.input\[0\]\.threshold: /);
  });

  it('validates tools with the tool policy schema, at the line', () => {
    expect(errorOf('tools:\n  allow: [search]\n  maxCalls: 0\n')).toMatch(/^p\.yaml:3: tools\.maxCalls: /);
    expect(errorOf('routes:\n  /a:\n    tools:\n      denny: [x]\n')).toMatch(
      /^p\.yaml:4: routes\.\/a\.tools: Unrecognized key/,
    );
  });

  it('fills defaults from the factory', () => {
    const policy = parse('input:\n  - scanner: literal\n    needles: [x]\n');
    const [entry] = policy.resolve().input;
    expect(entry).toMatchObject({ action: 'redact', threshold: 0.5, restore: false, enabled: true });
    expect(policy.resolve().failMode).toBe('closed');
    expect(policy.audit).toEqual({ enabled: true, includeText: false });
  });

  it('loadPolicy names an unreadable file', () => {
    expect(() => loadPolicy('/no/such/policy.yaml')).toThrow(/\/no\/such\/policy\.yaml: cannot read .*file not found/);
    const dir = mkdtempSync(join(tmpdir(), 'steward-policy-'));
    const file = join(dir, 'p.yaml');
    writeFileSync(file, 'input:\n  - scanner: nope\n');
    expect(() => loadPolicy(file)).toThrow(new RegExp(`${file}:2: input\\[0\\]\\.scanner: unknown scanner`));
  });

  it('accepts a plain object and reports the field without a line', () => {
    expect(() => policyFromObject({ input: [{ scanner: 'length', maxChars: 0 }] })).toThrow(
      /^policy: input\[0\]\.maxChars: /,
    );
  });
});

describe('guard policy overrides', () => {
  const policy = parse(`
input:
  - scanner: literal
    needles: [a]
  - scanner: fixed_score
    score: 0.2
limits: { maxTokens: 100, timeoutMs: 5000 }
routes:
  /v1/chat/completions:
    input:
      - scanner: literal
        action: block
        needles: [b]
      - scanner: length
        maxChars: 10
    limits: { maxTokens: 50 }
    outputSinks: [sql]
  "bedrock:*":
    failMode: open
    input:
      - scanner: fixed_score
        enabled: false
apiKeys:
  team-a:
    input:
      - scanner: literal
        id: second_literal
        needles: [c]
    limits: { timeoutMs: 100 }
`);

  const summary = (route?: string, key?: string) => {
    const p = policy.resolve(route, key);
    return {
      route: p.route,
      key: p.apiKeyId,
      input: p.input.map((e) => `${e.key}:${e.action}`),
      limits: p.limits,
      sinks: p.outputSinks,
      failMode: p.failMode,
    };
  };

  it('uses the base policy for unknown routes', () => {
    expect(summary('/v1/embeddings')).toEqual({
      route: 'default',
      key: undefined,
      input: ['literal:redact', 'fixed_score:block'],
      limits: { maxTokens: 100, timeoutMs: 5000 },
      sinks: [],
      failMode: 'closed',
    });
  });

  it('a route replaces entries in place, appends new ones and merges limits key by key', () => {
    expect(summary('/v1/chat/completions')).toMatchObject({
      route: '/v1/chat/completions',
      input: ['literal:block', 'fixed_score:block', 'length:block'],
      limits: { maxTokens: 50, timeoutMs: 5000 },
      sinks: ['sql'],
    });
  });

  it('glob routes match and enabled: false removes a base entry', () => {
    expect(summary('bedrock:converse')).toMatchObject({
      route: 'bedrock:*',
      input: ['literal:redact'],
      failMode: 'open',
    });
  });

  it('the API-key layer applies after the route layer; unknown keys get no override', () => {
    expect(summary('/v1/chat/completions', 'team-a')).toMatchObject({
      key: 'team-a',
      input: ['literal:block', 'fixed_score:block', 'length:block', 'second_literal:redact'],
      limits: { maxTokens: 50, timeoutMs: 100 },
    });
    expect(summary(undefined, 'team-b')).toEqual(summary());
  });

  it('canaries are on with system_prompt_leak in the output unless the policy says otherwise', () => {
    const leak = 'output:\n  - scanner: system_prompt_leak\n';
    expect(parse(leak).resolve().canary).toBe(true);
    expect(parse(`canary: false\n${leak}`).resolve().canary).toBe(false);
    expect(parse('canary: true\n').resolve().canary).toBe(true);
    expect(parse('output: []\n').resolve().canary).toBe(false);
    expect(parse(`${leak}routes:\n  /a:\n    canary: false\n`).resolve('/a').canary).toBe(false);
  });

  it('merges tools rules over the layers', () => {
    const p = parse(
      'tools:\n  allow: [search, shell]\n  maxCalls: 3\nroutes:\n  /a:\n    tools:\n      deny: [shell]\n',
    );
    expect(p.resolve('/a').tools).toEqual({ allow: ['search', 'shell'], deny: ['shell'], maxCalls: 3 });
    expect(p.resolve().tools).toEqual({ allow: ['search', 'shell'], maxCalls: 3 });
  });

  it('resolves once per (route, key) and shares scanner instances', () => {
    expect(policy.resolve('/v1/chat/completions', 'team-a')).toBe(policy.resolve('/v1/chat/completions', 'team-a'));
    expect(policy.resolve('bedrock:converse')).toBe(policy.resolve('bedrock:invoke'));
    expect(policy.resolve('bedrock:converse').input[0]!.scanner).toBe(policy.resolve().input[0]!.scanner);
  });
});
