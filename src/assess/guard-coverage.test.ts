import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledCatalog } from '../catalog/catalog.js';
import type { Finding } from '../findings/finding.js';
import { parsePolicy } from '../guard/policy/load-policy.js';
import { findScanner } from '../guard/scanners/registry.js';
import { findGuardPolicy, GUARD_POLICY_CANDIDATES, guardCoverage, policyCoverage } from './guard-coverage.js';
import { guardControls, RISK_RULES } from './guard-coverage-rules.js';

const catalog = bundledCatalog();
const resource = { type: 'Steward::GuardPolicy', id: 'p.yaml', file: 'p.yaml' };

/** Coverage findings of a policy given as YAML, by risk id. */
function coverage(yaml: string): Record<string, Finding> {
  const findings = policyCoverage(parsePolicy(yaml, 'p.yaml'), resource, catalog);
  return Object.fromEntries(findings.map((f) => [f.ruleId.replace('guard-owasp-', '').toUpperCase(), f]));
}
const state = (f: Finding | undefined) => f?.evidence?.coverage;

const INJECTION = 'input:\n  - scanner: prompt_injection\n';
const TOOLS_OK = 'tools:\n  allow: [search]\n  requireApproval: []\n';

function workload(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'steward-guard-cov-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}
const run = (dir: string, declaredPolicy?: string) =>
  guardCoverage({ dir, root: dir, declaredPolicy, workloadName: 'w', catalog });

describe('the coverage rules', () => {
  it('has one rule per OWASP LLM 2025 risk, in the framework order', () => {
    const ids = catalog.framework('owasp-llm-2025')!.requirements.map((r) => r.id);
    expect(RISK_RULES.map((r) => r.risk)).toEqual(ids);
  });

  it('names catalog controls that map to the risk and that the guard can evidence', () => {
    for (const rule of RISK_RULES) {
      if (!rule.runtime) continue;
      expect(rule.controls.length, rule.risk).toBeGreaterThan(0);
      for (const id of rule.controls) {
        const control = catalog.control(id);
        expect(control, `${rule.risk} → ${id}`).toBeDefined();
        expect(control!.mappings['owasp-llm-2025'], `${id} maps to ${rule.risk}`).toContain(rule.risk);
        expect(control!.evidence, `${id} lists guard evidence`).toContain('guard');
      }
    }
  });

  it('asks only for scanners the registry has, on a direction they support', () => {
    const text = RISK_RULES.map((r) => (r.runtime ? r.covered : '')).join(' ');
    for (const name of ['prompt_injection', 'pii', 'secrets', 'output_handling', 'system_prompt_leak', 'grounding']) {
      expect(text).toContain(`\`${name}\``);
      expect(findScanner(name), name).toBeDefined();
    }
    expect(findScanner('output_handling')!.directions).toContain('output');
    expect(findScanner('prompt_injection')!.directions).toContain('input');
  });
});

describe('policyCoverage decisions', () => {
  it('an empty policy covers nothing: runtime risks fail at their severity, the rest skip', () => {
    const c = coverage('version: 1\n');
    for (const rule of RISK_RULES) {
      const f = c[rule.risk]!;
      expect(f.part).toBe('guard');
      expect(f.resource).toEqual(resource);
      if (rule.runtime) {
        expect([f.status, f.severity, state(f)], rule.risk).toEqual(['fail', rule.severity, 'none']);
        expect(f.message).toMatch(new RegExp(`^${rule.risk} .+ is not covered: missing: `));
        expect(f.remediation).toBeTruthy();
        expect(f.controls).toEqual(rule.controls);
      } else {
        expect([f.status, f.severity, f.controls], rule.risk).toEqual(['skip', 'info', []]);
        expect(f.message).toContain('not addressed by a runtime guard');
      }
    }
    expect(c.LLM01!.message).toContain('no prompt_injection entry on input');
  });

  it('judges a typical chat policy: tools, grounding and per-caller limits are what it lacks', () => {
    const c = coverage(
      'input:\n  - { scanner: length, maxChars: 32000 }\n  - scanner: prompt_injection\n  - scanner: pii\n' +
        '  - scanner: secrets\noutput:\n  - scanner: system_prompt_leak\n  - scanner: pii\n  - scanner: secrets\n' +
        '  - scanner: output_handling\nlimits: { maxRequestBytes: 1048576, timeoutMs: 60000 }\n',
    );
    const states = Object.fromEntries(Object.entries(c).map(([k, f]) => [k, state(f)]));
    expect(states).toEqual({
      LLM01: 'covered',
      LLM02: 'covered',
      LLM03: 'not-runtime',
      LLM04: 'not-runtime',
      LLM05: 'covered',
      LLM06: 'none',
      LLM07: 'covered',
      LLM08: 'not-runtime',
      LLM09: 'none',
      LLM10: 'partial',
    });
    expect(c.LLM10!.severity).toBe('low');
    expect(c.LLM10!.message).toMatch(
      /partly covered: limits\.maxRequestBytes 1048576; length on input.*missing: no per-caller rate/,
    );
    expect(c.LLM01!.status).toBe('pass');
    expect(c.LLM01!.message).toContain('prompt_injection (block) on user, document, tool input');
  });

  it('LLM01 needs an acting prompt_injection entry on user, document and tool segments', () => {
    expect(state(coverage(INJECTION).LLM01)).toBe('covered');
    const flagged = coverage(`${INJECTION}    action: flag\n`).LLM01!;
    expect([state(flagged), flagged.severity]).toEqual(['partial', 'medium']);
    expect(flagged.message).toContain('only flags');
    const direct = coverage(`${INJECTION}    on: [user]\n`).LLM01!;
    expect(state(direct)).toBe('partial');
    expect(direct.message).toContain('prompt_injection (block) on user input');
    expect(direct.message).toContain('does not scan document, tool segments');
    // The scanner's own `roles` key narrows what it scans just as `on` does.
    expect(direct.message).toBe(coverage(`${INJECTION}    roles: [user]\n`).LLM01!.message);
    const open = coverage(`failMode: open\n${INJECTION}`).LLM01!;
    expect(state(open)).toBe('partial');
    expect(open.message).toContain('failMode is open');
  });

  it('LLM02 needs pii and secrets on both directions', () => {
    const both =
      'input:\n  - scanner: pii\n  - scanner: secrets\n' +
      'output:\n  - scanner: pii\n    action: mask\n  - scanner: secrets\n    action: tokenize\n';
    expect(state(coverage(both).LLM02)).toBe('covered');
    const inputOnly = coverage('input:\n  - scanner: pii\n  - scanner: secrets\n').LLM02!;
    expect(state(inputOnly)).toBe('partial');
    expect(inputOnly.message).toContain('missing: no pii entry on output; no secrets entry on output');
    expect(state(coverage('output:\n  - scanner: pii\n    on: [user]\n').LLM02)).toBe('partial');
  });

  it('LLM05, LLM07 and LLM09 read their output scanners', () => {
    const c = coverage(
      'output:\n  - scanner: output_handling\n    action: flag\n  - scanner: system_prompt_leak\n  - scanner: grounding\n',
    );
    expect(state(c.LLM05)).toBe('partial');
    expect(state(c.LLM07)).toBe('covered');
    expect(c.LLM07!.message).toContain('canary on');
    expect(state(c.LLM09)).toBe('covered');
    expect(state(coverage('canary: false\noutput:\n  - scanner: system_prompt_leak\n').LLM07)).toBe('partial');
    const scannerOff = coverage('output:\n  - scanner: system_prompt_leak\n    canary: false\n').LLM07!;
    expect(scannerOff.message).toContain('the canary is off');
  });

  it('LLM06 needs an allow-list and an explicit requireApproval', () => {
    expect(state(coverage(TOOLS_OK).LLM06)).toBe('covered');
    expect(state(coverage('tools:\n  allow: []\n').LLM06)).toBe('covered');
    const noApproval = coverage('tools:\n  allow: [search, refund]\n').LLM06!;
    expect([state(noApproval), noApproval.severity]).toEqual(['partial', 'medium']);
    expect(noApproval.message).toContain('tools.requireApproval is not set');
    expect(coverage('tools:\n  allow: ["*"]\n  requireApproval: [refund]\n').LLM06!.message).toContain('contains "*"');
    expect(state(coverage('tools:\n  deny: [shell]\n').LLM06)).toBe('partial');
    expect(state(coverage('version: 1\n').LLM06)).toBe('none');
  });

  it('LLM10 needs a request size bound and a per-caller rate or budget', () => {
    expect(state(coverage('limits: { maxRequestBytes: 1000, requestsPerMinute: 10 }\n').LLM10)).toBe('covered');
    const lengthAndTokens = 'input:\n  - scanner: length\n    maxChars: 100\nlimits: { tokensPerMinute: 5000 }\n';
    expect(state(coverage(lengthAndTokens).LLM10)).toBe('covered');
    expect(state(coverage('limits: { tokenBudget: { perDay: 10 } }\n').LLM10)).toBe('partial');
    expect(state(coverage('limits: { timeoutMs: 1000 }\n').LLM10)).toBe('partial');
  });

  it('a route or API key that switches a scanner off weakens the risk, and the finding names it', () => {
    const yaml =
      `${INJECTION}routes:\n  "bedrock:*":\n    input:\n      - scanner: prompt_injection\n        enabled: false\n` +
      'apiKeys:\n  batch:\n    input:\n      - scanner: prompt_injection\n        action: flag\n';
    const f = coverage(yaml).LLM01!;
    expect(state(f)).toBe('none');
    expect(f.message).toContain('is not covered on route bedrock:*');
    expect(f.evidence?.views).toEqual({
      default: 'covered',
      'API key batch': 'partial',
      'route bedrock:*': 'none',
      'route bedrock:* + API key batch': 'partial',
    });
    // An API key override that narrows roles is read from the key's own entry.
    const keyRoles = `${INJECTION}apiKeys:\n  k:\n    input:\n      - scanner: prompt_injection\n        roles: [user]\n`;
    expect(coverage(keyRoles).LLM01!.message).toContain('partly covered on API key k');
  });
});

describe('guardCoverage on a workload folder', () => {
  const good = `${INJECTION}${TOOLS_OK}`;

  it('looks for the policy in the documented order, or takes the declared one', () => {
    const dir = workload({ 'policy/guard.yaml': good, 'guard/policy.yaml': good });
    expect(findGuardPolicy(dir)).toBe(join(dir, 'guard', 'policy.yaml'));
    writeFileSync(join(dir, 'guard-policy.yaml'), good);
    expect(findGuardPolicy(dir)).toBe(join(dir, GUARD_POLICY_CANDIDATES[0]));
    expect(findGuardPolicy(dir, 'policy/guard.yaml')).toBe(join(dir, 'policy', 'guard.yaml'));
    expect(findGuardPolicy(workload())).toBeUndefined();
  });

  it('reports one finding per risk and a part summary', () => {
    const { findings, part } = run(workload({ 'guard/policy.yaml': good }));
    expect(findings.map((f) => f.ruleId)).toEqual(RISK_RULES.map((r) => `guard-owasp-${r.risk.toLowerCase()}`));
    expect(findings[0]!.resource).toEqual({
      type: 'Steward::GuardPolicy',
      id: 'guard/policy.yaml',
      file: 'guard/policy.yaml',
    });
    expect(part).toMatchObject({ part: 'guard', status: 'ok' });
    expect(part.summary).toBe(
      'guard/policy.yaml: 2 of 7 runtime OWASP LLM risks covered, 0 partly, 5 not (LLM03, LLM04, LLM08: not runtime concerns)',
    );
  });

  it('without a policy: one skip finding that says how to add one, evidence for every guard control', () => {
    const { findings, part } = run(workload());
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: 'guard-policy', status: 'skip', part: 'guard' });
    expect(findings[0]!.message).toContain('No guard policy found');
    expect(findings[0]!.message).toContain('guard/policy.yaml');
    expect(findings[0]!.controls).toEqual(guardControls());
    expect(part.status).toBe('skipped');
  });

  it('a broken policy is an error finding naming file, line and field, not an exception', () => {
    const dir = workload({ 'guard-policy.yaml': 'input:\n  - scanner: pii\n    threshold: 3\n' });
    const { findings, part } = run(dir);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: 'guard-policy', status: 'error', severity: 'high' });
    expect(findings[0]!.message).toMatch(/^guard-policy\.yaml:3: input\[0\]\.threshold: /);
    expect(part).toMatchObject({ status: 'error', error: findings[0]!.message });

    writeFileSync(join(dir, 'guard-policy.yaml'), 'input:\n  - scanner: nope\n');
    expect(run(dir).findings[0]!.message).toMatch(/^guard-policy\.yaml:2: input\[0\]\.scanner: unknown scanner "nope"/);
    writeFileSync(join(dir, 'guard-policy.yaml'), 'input: [\n');
    expect(run(dir).findings[0]!.message).toMatch(/^guard-policy\.yaml:\d+: invalid YAML/);
  });
});
