/**
 * Tool-call policy (LLM06 excessive agency): decides, per call a model proposes, `allow`, `block` or
 * `require_approval`. Order: over `maxCalls` → block; in `deny` or outside `allow` → block; arguments not JSON, too
 * long, or failing the tool's JSON Schema → block; a string argument on a denied path, host, SQL verb or pattern →
 * block; in `requireApproval` → require_approval; else allow. All reasons are collected, not just the first.
 *
 * `compileToolPolicy` does the expensive work once per policy (ajv compilation, globs, CIDRs, regexes); the checker
 * it returns is synchronous and allocation-light, for the gateway's response path.
 */

import type { ValidateFunction } from 'ajv';
import { RE2JS } from 're2js';
import { compileHostRules, type HostRule, hostOf } from './host-match.js';
import { compileArgumentsSchema, formatSchemaErrors } from './json-schema.js';
import { compilePathGlob, normalisePath, type PathRule } from './path-glob.js';
import type { ToolsPolicy } from './schema.js';
import { compileSqlVerbs, type SqlVerbRule } from './sql-verbs.js';
import { stringLeaves } from './string-leaves.js';
import type { ToolCall, ToolCallVerdict, ToolDecision } from './tool-call.js';

export const DEFAULT_MAX_ARGUMENT_CHARS = 65_536;

export interface ToolCallChecker {
  check(calls: readonly ToolCall[]): ToolCallVerdict[];
}

interface NameSet {
  has(name: string): boolean;
  /** The matching pattern, for reasons. */
  match(name: string): string | undefined;
}

function nameSet(patterns: readonly string[] | undefined): NameSet | undefined {
  if (!patterns) return undefined;
  const exact = new Set<string>();
  const globs: { pattern: string; re: RE2JS }[] = [];
  for (const p of patterns) {
    if (p.includes('*')) {
      const source = p
        .split('*')
        .map((part) => RE2JS.quote(part))
        .join('.*');
      globs.push({ pattern: p, re: RE2JS.compile(`^${source}$`) });
    } else exact.add(p);
  }
  const match = (name: string) => {
    if (exact.has(name)) return name;
    for (const g of globs) if (g.re.test(name)) return g.pattern;
    return undefined;
  };
  return { has: (name) => match(name) !== undefined, match };
}

interface CompiledToolPolicy {
  allow?: NameSet;
  deny?: NameSet;
  approval?: NameSet;
  validators: Map<string, ValidateFunction>;
  paths: PathRule[];
  hosts: HostRule[];
  sqlVerbs: SqlVerbRule[];
  patterns: RE2JS[];
  maxCalls?: number;
  maxArgumentChars: number;
}

const cache = new WeakMap<ToolsPolicy, ToolCallChecker>();

/** The checker for a resolved `tools:` policy; cached per policy object. Throws on an invalid policy. */
export function compileToolPolicy(policy: ToolsPolicy): ToolCallChecker {
  const hit = cache.get(policy);
  if (hit) return hit;
  const deny = policy.denyPatterns ?? {};
  const compiled: CompiledToolPolicy = {
    allow: nameSet(policy.allow),
    deny: nameSet(policy.deny),
    approval: nameSet(policy.requireApproval),
    validators: new Map(Object.entries(policy.arguments ?? {}).map(([tool, s]) => [tool, compileArgumentsSchema(s)])),
    paths: (deny.paths ?? []).map(compilePathGlob),
    hosts: compileHostRules(deny.hosts ?? []),
    sqlVerbs: compileSqlVerbs(deny.sqlVerbs ?? []),
    patterns: (deny.patterns ?? []).map((p) => RE2JS.compile(p, RE2JS.CASE_INSENSITIVE)),
    maxCalls: policy.maxCalls,
    maxArgumentChars: policy.maxArgumentChars ?? DEFAULT_MAX_ARGUMENT_CHARS,
  };
  const checker: ToolCallChecker = { check: (calls) => calls.map((call, i) => checkOne(call, i, compiled)) };
  cache.set(policy, checker);
  return checker;
}

/** One-shot form: compiles (cached) and checks. */
export function checkToolCalls(calls: readonly ToolCall[], policy: ToolsPolicy): ToolCallVerdict[] {
  return compileToolPolicy(policy).check(calls);
}

/** What the response as a whole gets: any block → block; else any approval → require_approval; else allow. */
export function overallDecision(verdicts: readonly ToolCallVerdict[]): ToolDecision {
  if (verdicts.some((v) => v.decision === 'block')) return 'block';
  if (verdicts.some((v) => v.decision === 'require_approval')) return 'require_approval';
  return 'allow';
}

function checkOne(call: ToolCall, position: number, p: CompiledToolPolicy): ToolCallVerdict {
  const reasons: string[] = [];
  let blocked = false;
  const block = (reason: string) => {
    blocked = true;
    reasons.push(reason);
  };
  const name = String(call.name ?? '');

  if (p.maxCalls !== undefined && position >= p.maxCalls) {
    block(`more than ${p.maxCalls} tool call(s) in one response (tools.maxCalls)`);
  }
  const denied = p.deny?.match(name);
  if (denied !== undefined) block(`tool "${name}" is denied (tools.deny: ${denied})`);
  else if (p.allow && !p.allow.has(name)) block(`tool "${name}" is not in tools.allow`);

  const args = parseArguments(call.arguments, p.maxArgumentChars);
  if ('error' in args) {
    block(args.error);
  } else {
    const validate = p.validators.get(name);
    if (validate && !validate(args.value)) {
      for (const e of formatSchemaErrors(validate.errors)) block(`arguments ${e} (tools.arguments.${name})`);
    }
    for (const reason of deniedValues(args.value, p)) block(reason);
  }

  const needsApproval = p.approval?.match(name);
  if (!blocked && needsApproval !== undefined) {
    reasons.push(`tool "${name}" requires approval (tools.requireApproval: ${needsApproval})`);
    return { id: call.id, name, decision: 'require_approval', reasons };
  }
  return { id: call.id, name, decision: blocked ? 'block' : 'allow', reasons };
}

function parseArguments(raw: unknown, maxChars: number): { value: unknown } | { error: string } {
  if (typeof raw !== 'string') {
    if (raw === undefined) return { value: {} };
    return { value: raw };
  }
  if (raw.length > maxChars)
    return { error: `arguments are ${raw.length} characters, over ${maxChars} (tools.maxArgumentChars)` };
  if (raw.trim() === '') return { value: {} };
  try {
    return { value: JSON.parse(raw) };
  } catch (e) {
    return { error: `arguments are not valid JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
}

function deniedValues(value: unknown, p: CompiledToolPolicy): string[] {
  if (p.paths.length + p.hosts.length + p.sqlVerbs.length + p.patterns.length === 0) return [];
  const reasons: string[] = [];
  for (const leaf of stringLeaves(value)) {
    const shown = JSON.stringify(leaf.value.length > 80 ? `${leaf.value.slice(0, 77)}...` : leaf.value);
    const pieces = p.paths.length || p.hosts.length ? candidates(leaf.value) : [];
    if (p.paths.length) {
      const rule = firstMatch(pieces, normalisePath, p.paths);
      if (rule) reasons.push(`argument ${leaf.path} ${shown} names a denied path (${rule.pattern})`);
    }
    if (p.hosts.length) {
      const rule = firstMatch(pieces, hostOf, p.hosts);
      if (rule) reasons.push(`argument ${leaf.path} ${shown} points to a denied host (${rule.pattern})`);
    }
    for (const rule of p.sqlVerbs) {
      if (rule.test(leaf.value)) reasons.push(`argument ${leaf.path} uses denied SQL verb ${rule.verb}`);
    }
    for (const re of p.patterns) {
      if (re.test(leaf.value)) reasons.push(`argument ${leaf.path} matches denied pattern ${re.pattern()}`);
    }
  }
  return reasons;
}

/** Most words of a command-like argument checked as paths and hosts. */
const MAX_PIECES = 64;

/**
 * The argument itself and, when it reads like a command line (`cat /etc/shadow`, `curl http://10.0.0.1/`), its
 * words: a path or host is as dangerous inside a command as on its own.
 */
function candidates(value: string): string[] {
  if (value.length > 4096 || !/\s/.test(value.trim())) return [value];
  const words = value.split(/[\s"'`=;|&<>()]+/).filter((w) => w.length > 0);
  return [value, ...words.slice(0, MAX_PIECES)];
}

function firstMatch<R extends { test(v: string): boolean }>(
  pieces: readonly string[],
  read: (piece: string) => string | undefined,
  rules: readonly R[],
): R | undefined {
  for (const piece of pieces) {
    const v = read(piece);
    if (v === undefined) continue;
    const rule = rules.find((r) => r.test(v));
    if (rule) return rule;
  }
  return undefined;
}
