import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sarifValidator } from './support/schemas.js';

const repo = join(import.meta.dirname, '..');
const bin = join(repo, 'bin', 'steward.js');
const example = 'examples/support-chatbot';

function steward(args: string[], cwd = repo) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const tmp = (prefix: string) => mkdtempSync(join(tmpdir(), `steward-${prefix}-`));

describe('steward CLI', () => {
  it('prints its version', () => {
    const r = steward(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('assess writes the three reports, prints the three views and fails on high findings', () => {
    const out = tmp('out');
    const r = steward(['assess', example, '--out', out]);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.code).toBe(1);
    for (const f of ['report.html', 'findings.sarif', 'assessment.json']) expect(existsSync(join(out, f))).toBe(true);
    expect(r.stdout).toMatch(/security/i);
    expect(r.stdout).toMatch(/governance/i);
    expect(r.stdout).toMatch(/compliance/i);
    const a = JSON.parse(readFileSync(join(out, 'assessment.json'), 'utf8'));
    expect(a.schemaVersion).toBe('1.0.0');
    expect(a.findings.some((f: { ruleId: string }) => f.ruleId === 'bedrock-agent-guardrail')).toBe(true);
    const validate = sarifValidator();
    const sarif = JSON.parse(readFileSync(join(out, 'findings.sarif'), 'utf8'));
    expect(validate(sarif), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(sarif.runs[0].results.length).toBeGreaterThan(5);
  });

  it('exits 0 when nothing reaches --fail-on', () => {
    const r = steward(['assess', example, '--out', tmp('out'), '--fail-on', 'critical', '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe('PASS');
  });

  it('bad input: one line naming the problem, exit 2, no stack trace', () => {
    const missing = steward(['assess', 'no/such/folder']);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim().split('\n')).toEqual([
      'steward: no/such/folder: no such directory; pass the workload folder to assess',
    ]);

    const dir = tmp('bad');
    cpSync(join(repo, example), dir, { recursive: true });
    writeFileSync(join(dir, 'steward.yaml'), 'workload:\n  frameworks: [gdpr, made-up]\n');
    const bad = steward(['assess', dir, '--out', tmp('out')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/steward\.yaml:2: workload\.frameworks\[1\]: /);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);

    expect(steward(['assess', example, '--fail-on', 'severe']).code).toBe(2);
    expect(steward(['no-such-command']).code).toBe(2);
  });

  it('an unreadable steward.yaml is reported, not crashed on', () => {
    const dir = tmp('unreadable');
    cpSync(join(repo, example), dir, { recursive: true });
    // A directory where the file should be is unreadable as a file even for root (CI runs as root).
    rmSync(join(dir, 'steward.yaml'));
    mkdirSync(join(dir, 'steward.yaml'));
    const r = steward(['assess', dir, '--out', tmp('out')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(/^steward: .*steward\.yaml: cannot read: it is a directory, not a file$/);
  });

  it('baseline create accepts current findings so the next assess passes', () => {
    const dir = tmp('baseline');
    cpSync(join(repo, example), dir, { recursive: true });
    const created = steward(['baseline', 'create', dir, '--reason', 'adopted Steward on 2026-11-24']);
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/finding\(s\) accepted/);
    const r = steward(['assess', dir, '--out', tmp('out'), '--format', 'json']);
    expect(r.code).toBe(0);
    const a = JSON.parse(r.stdout);
    const suppressed = a.findings.filter((f: { suppressed: boolean }) => f.suppressed);
    expect(suppressed.length).toBeGreaterThan(5);
    expect(steward(['baseline', 'create', dir]).code).toBe(2);
  });

  it('scan --format json lists failures, and passes too with --include-passed', () => {
    const failOnly = JSON.parse(steward(['scan', `${example}/infra`, '--format', 'json']).stdout);
    expect(failOnly.findings.every((f: { status: string }) => f.status !== 'pass')).toBe(true);
    const all = JSON.parse(steward(['scan', `${example}/infra`, '--format', 'json', '--include-passed']).stdout);
    const statuses = new Set(all.findings.map((f: { status: string }) => f.status));
    expect(statuses.has('pass') && statuses.has('fail')).toBe(true);
    const agent = all.findings.find((f: { ruleId: string }) => f.ruleId === 'bedrock-agent-guardrail');
    expect(agent.resource).toMatchObject({ type: 'AWS::Bedrock::Agent', id: 'SupportAgent' });
  });

  it('scan reports a broken template and exits 2 when nothing could be scanned', () => {
    const dir = tmp('broken');
    writeFileSync(join(dir, 'bad.yaml'), 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  A: [\n');
    const r = steward(['scan', dir, '--format', 'json']);
    expect(r.code).toBe(2);
    const f = JSON.parse(r.stdout).findings[0];
    expect(f.status).toBe('error');
    expect(f.message).toMatch(/bad\.yaml:\d+: /);
  });
});

describe('steward catalog', () => {
  const json = () => JSON.parse(steward(['catalog', '--format', 'json']).stdout);

  it('lists at least 120 controls over all layers, OWASP risks and frameworks, each mapped', () => {
    const c = json();
    expect(c.controls.length).toBeGreaterThanOrEqual(120);
    const layers = new Set(c.controls.map((x: { layer: string }) => x.layer));
    expect(layers.size).toBe(7);
    const owasp = new Set(
      c.controls.flatMap((x: { mappings: Record<string, string[]> }) => x.mappings['owasp-llm-2025'] ?? []),
    );
    expect([...owasp].sort()).toEqual([
      'LLM01',
      'LLM02',
      'LLM03',
      'LLM04',
      'LLM05',
      'LLM06',
      'LLM07',
      'LLM08',
      'LLM09',
      'LLM10',
    ]);
    const fws = [
      'nist-800-53-r5',
      'iso-27001-2022',
      'soc2',
      'hipaa',
      'gdpr',
      'pci-dss-4',
      'eu-ai-act',
      'nist-ai-rmf',
      'iso-42001',
      'owasp-llm-2025',
    ];
    expect(c.frameworks.map((f: { id: string }) => f.id).sort()).toEqual([...fws].sort());
    for (const fw of fws)
      expect(c.controls.some((x: { mappings: Record<string, string[]> }) => x.mappings[fw]?.length)).toBe(true);
    for (const x of c.controls) {
      expect(Object.values(x.mappings).flat().length, x.id).toBeGreaterThan(0);
      expect(x).toHaveProperty('scopes');
      expect(x).toHaveProperty('responsibility');
      expect(x).toHaveProperty('view');
    }
  });

  it('filters by layer, scope, framework and OWASP id (2023 aliases too)', () => {
    const byLayer = JSON.parse(steward(['catalog', '--layer', 'network-edge', '--format', 'json']).stdout).controls;
    expect(byLayer.length).toBeGreaterThan(0);
    expect(byLayer.every((x: { layer: string }) => x.layer === 'network-edge')).toBe(true);
    const scope1 = JSON.parse(steward(['catalog', '--scope', '1', '--format', 'json']).stdout).controls;
    expect(scope1.every((x: { scopes: number[] }) => x.scopes.includes(1))).toBe(true);
    const llm02 = JSON.parse(steward(['catalog', '--owasp', 'LLM02', '--format', 'json']).stdout).controls;
    const alias = JSON.parse(steward(['catalog', '--owasp', 'LLM06:2023', '--format', 'json']).stdout).controls;
    expect(alias.map((x: { id: string }) => x.id)).toEqual(llm02.map((x: { id: string }) => x.id));
    expect(steward(['catalog', '--owasp', 'LLM11']).code).toBe(2);
    expect(steward(['catalog', '--scope', '7']).code).toBe(2);
  });

  it('shows which controls give evidence per requirement of a framework', () => {
    const r = steward(['catalog', '--framework', 'nist-800-53']);
    expect(r.code).toBe(0);
    expect(steward(['catalog', '--framework', 'iso']).code).toBe(2);
    expect(steward(['catalog', '--framework', 'nope']).stderr).toMatch(/unknown framework "nope"/);
    expect(r.stdout).toMatch(/^SC-28\s+Protection of Information at Rest\s+.*dp-kms-cmk-at-rest/m);
  });

  it('prints the scoping matrix', () => {
    const r = steward(['catalog', '--matrix']);
    expect(r.stdout).toMatch(/Scope 5: Self-trained models/);
  });

  it('rules --format json lists rules with controls and equivalents', () => {
    const rules = JSON.parse(steward(['rules', '--format', 'json']).stdout);
    expect(rules.length).toBeGreaterThan(10);
    expect(rules[0]).toHaveProperty('equivalents.checkov');
    const c = json();
    const ids = new Set(c.controls.map((x: { id: string }) => x.id));
    for (const r of rules) for (const ctl of r.controls) expect(ids.has(ctl), `${r.id} → ${ctl}`).toBe(true);
  });
});

describe('docs', () => {
  it('docs/rules.md is the current `steward rules --format md` (regenerate: npm run docs)', () => {
    const generated = steward(['rules', '--format', 'md']).stdout;
    expect(readFileSync(join(repo, 'docs', 'rules.md'), 'utf8')).toBe(generated);
  });
});
