/**
 * When a guard policy covers an OWASP LLM Top 10 (2025) risk: one rule per risk, judged on one resolved policy (the
 * base, a route or an API key; guard-coverage.ts asks every one and keeps the weakest). `steward assess` turns the
 * verdicts into findings and scripts/owasp-coverage.mjs turns this table into docs/owasp-coverage.md.
 */
import type { Severity } from '../findings/finding.js';
import { type CompiledEntry, type EffectivePolicy, roleBit } from '../guard/policy/compiled.js';
import type { Direction, SegmentRole } from '../guard/types.js';

export type Coverage = 'covered' | 'partial' | 'none';

const COVERAGE_RANK: Record<Coverage, number> = { none: 0, partial: 1, covered: 2 };

export function weaker(a: Coverage, b: Coverage): boolean {
  return COVERAGE_RANK[a] < COVERAGE_RANK[b];
}

/** One resolved policy, plus the policy-file keys of its entries (a scanner may narrow its roles in its own keys). */
export interface PolicyView {
  /** `default`, `route /v1/chat/completions`, `API key batch`, `route bedrock:* + API key batch`. */
  name: string;
  policy: EffectivePolicy;
  /** The policy-file keys of the entry in effect for `direction` and entry key (`id ?? scanner`). */
  entryKeys(direction: Direction, key: string): Readonly<Record<string, unknown>> | undefined;
}

export interface CoverageCheck {
  coverage: Coverage;
  /** The settings that give coverage, as the policy states them. */
  has: string[];
  /** What full coverage still needs. */
  lacks: string[];
}

export interface RuntimeRiskRule {
  risk: string;
  runtime: true;
  /** Severity of a `fail` when the risk is not covered; one step lower when it is partly covered. */
  severity: Severity;
  /** Catalog controls (mapped to this risk) that the policy implements when it covers the risk. */
  controls: readonly string[];
  /** Docs: what full coverage takes. */
  covered: string;
  /** Docs: what only counts as partial. */
  partial: string;
  remediation: string;
  check(view: PolicyView): CoverageCheck;
}

export interface NonRuntimeRiskRule {
  risk: string;
  runtime: false;
  /** Why a gateway cannot address it, and which Steward parts do. */
  reason: string;
}

export type RiskRule = RuntimeRiskRule | NonRuntimeRiskRule;

/** A scanner the risk needs: where it must run, on which segment roles, and whether `flag` is enough. */
interface ScannerNeed {
  scanner: string;
  direction: Direction;
  roles: readonly SegmentRole[];
  /** True: only an entry that acts (block, redact, mask, tokenize) counts; `flag` lets the text through. */
  enforce: boolean;
}

/** Roles an entry scans: its `on` mask, narrowed by a scanner's own `roles` key (prompt_injection has one). */
function rolesScanned(entry: CompiledEntry, keys: Readonly<Record<string, unknown>> | undefined): Set<SegmentRole> {
  const own = Array.isArray(keys?.roles) ? new Set(keys.roles as SegmentRole[]) : undefined;
  const roles = new Set<SegmentRole>();
  for (const role of ['system', 'user', 'assistant', 'tool', 'document'] as const) {
    if ((entry.roleMask & roleBit(role)) !== 0 && (!own || own.has(role))) roles.add(role);
  }
  return roles;
}

const where = (need: ScannerNeed, roles: readonly string[]) =>
  need.direction === 'input' ? `${roles.join(', ')} input` : 'output';

/** Covered when every need is met in full; partial when some scanner of the risk runs at all. */
function needsScanners(...needs: ScannerNeed[]): (view: PolicyView) => CoverageCheck {
  return (view) => {
    const has: string[] = [];
    const lacks: string[] = [];
    let met = 0;
    let present = 0;
    for (const need of needs) {
      const list = need.direction === 'input' ? view.policy.input : view.policy.output;
      const entries = list.filter((e) => e.factory.name === need.scanner);
      if (entries.length === 0) {
        lacks.push(`no ${need.scanner} entry on ${need.direction}`);
        continue;
      }
      present++;
      const acting = need.enforce ? entries.filter((e) => e.action !== 'flag') : entries;
      if (acting.length === 0) {
        has.push(`${need.scanner} (flag) on ${need.direction}`);
        lacks.push(`${need.scanner} on ${need.direction} only flags (action: flag), so the text still goes through`);
        continue;
      }
      const scanned = new Set<SegmentRole>();
      for (const e of acting) for (const r of rolesScanned(e, view.entryKeys(need.direction, e.key))) scanned.add(r);
      const actions = [...new Set(acting.map((e) => e.action))].join('/');
      const covered = need.roles.filter((r) => scanned.has(r));
      const missing = need.roles.filter((r) => !scanned.has(r));
      if (covered.length > 0) has.push(`${need.scanner} (${actions}) on ${where(need, covered)}`);
      if (missing.length > 0) {
        lacks.push(`${need.scanner} on ${need.direction} does not scan ${missing.join(', ')} segments`);
        continue;
      }
      met++;
    }
    let coverage: Coverage = met === needs.length ? 'covered' : present > 0 ? 'partial' : 'none';
    // Fail-open lets a text through when its scanner throws: the policy then only covers the risk when nothing fails.
    if (coverage === 'covered' && needs.some((n) => n.enforce) && view.policy.failMode === 'open') {
      coverage = 'partial';
      lacks.push('failMode is open, so a scanner error lets the text through');
    }
    return { coverage, has, lacks };
  };
}

/** Allow-list `*` (alone) allows every tool: no allow-list at all. */
const allowsEverything = (allow: readonly string[]) => allow.includes('*');

function toolRules(view: PolicyView): CoverageCheck {
  const tools = view.policy.tools;
  if (!tools) return { coverage: 'none', has: [], lacks: ['no tools rules, so any tool call the model makes passes'] };
  const has: string[] = [];
  const lacks: string[] = [];
  const allowList = tools.allow !== undefined && !allowsEverything(tools.allow);
  if (tools.allow === undefined) lacks.push('no tools.allow list, so any tool not denied may be called');
  else if (!allowList) lacks.push('tools.allow contains "*", so every tool may be called');
  else has.push(tools.allow.length ? `tools.allow: ${tools.allow.join(', ')}` : 'tools.allow: [] (no tool calls)');
  if (tools.requireApproval?.length) has.push(`tools.requireApproval: ${tools.requireApproval.join(', ')}`);
  else if (tools.requireApproval) has.push('tools.requireApproval: [] (no tool needs a person)');
  else if (tools.allow?.length !== 0)
    lacks.push('tools.requireApproval is not set (list the high-impact tools, or [] when none needs a person)');
  if (tools.deny?.length) has.push(`tools.deny: ${tools.deny.join(', ')}`);
  if (tools.arguments) has.push(`argument schemas for ${Object.keys(tools.arguments).join(', ')}`);
  if (tools.denyPatterns) has.push(`tools.denyPatterns (${Object.keys(tools.denyPatterns).join(', ')})`);
  if (tools.maxCalls) has.push(`tools.maxCalls ${tools.maxCalls}`);
  return { coverage: lacks.length === 0 ? 'covered' : 'partial', has, lacks };
}

function consumptionLimits(view: PolicyView): CoverageCheck {
  const { limits, input } = view.policy;
  const has: string[] = [];
  const lacks: string[] = [];
  if (limits.maxRequestBytes) has.push(`limits.maxRequestBytes ${limits.maxRequestBytes}`);
  const inputLength = input.some((e) => e.factory.name === 'length' && e.action !== 'flag');
  if (inputLength) has.push('length on input');
  const size = limits.maxRequestBytes !== undefined || inputLength;
  if (!size) lacks.push('no request size bound (limits.maxRequestBytes or a length scanner on input)');
  if (limits.requestsPerMinute) has.push(`limits.requestsPerMinute ${limits.requestsPerMinute}`);
  if (limits.tokensPerMinute) has.push(`limits.tokensPerMinute ${limits.tokensPerMinute}`);
  if (limits.tokenBudget) has.push(`limits.tokenBudget.perDay ${limits.tokenBudget.perDay}`);
  const rate = !!(limits.requestsPerMinute || limits.tokensPerMinute || limits.tokenBudget);
  if (!rate) lacks.push('no per-caller rate or budget (limits.requestsPerMinute, tokensPerMinute or tokenBudget)');
  if (limits.maxTokens) has.push(`limits.maxTokens ${limits.maxTokens}`);
  if (limits.timeoutMs) has.push(`limits.timeoutMs ${limits.timeoutMs}`);
  const coverage: Coverage = size && rate ? 'covered' : has.length > 0 ? 'partial' : 'none';
  return { coverage, has, lacks };
}

const leakScanner = needsScanners({
  scanner: 'system_prompt_leak',
  direction: 'output',
  roles: ['assistant'],
  enforce: true,
});

/** system_prompt_leak plus the canary: without it only long verbatim runs of the prompt are caught. */
function promptLeak(view: PolicyView): CoverageCheck {
  const result = leakScanner(view);
  if (result.coverage === 'none') return result;
  const entry = view.policy.output.find((e) => e.factory.name === 'system_prompt_leak');
  const scannerCanary = entry ? view.entryKeys('output', entry.key)?.canary !== false : true;
  if (view.policy.canary && scannerCanary) result.has.push('canary on');
  else {
    result.lacks.push('the canary is off, so short leaks of the system prompt go unseen');
    if (result.coverage === 'covered') result.coverage = 'partial';
  }
  return result;
}

/**
 * The rules, in OWASP order. Each comment says why the rule asks what it asks. Severities are for a risk left
 * uncovered on a workload that runs behind the guard.
 */
export const RISK_RULES: readonly RiskRule[] = [
  {
    // Direct injection arrives in user turns, indirect injection in retrieved documents and tool results; both must
    // be scanned, and a flag-only entry records the attack while still sending it to the model.
    risk: 'LLM01',
    runtime: true,
    severity: 'high',
    controls: ['app-prompt-injection-detection', 'app-indirect-injection-scanning'],
    covered: '`prompt_injection` on input, acting (not `flag`), on `user`, `document` and `tool` segments',
    partial: '`prompt_injection` flag-only, or not scanning retrieved documents and tool results',
    remediation:
      'Under input, add `- scanner: prompt_injection` with `action: block` and keep the default `on` (user, ' +
      'document and tool segments) so retrieved content is screened too.',
    check: needsScanners({
      scanner: 'prompt_injection',
      direction: 'input',
      roles: ['user', 'document', 'tool'],
      enforce: true,
    }),
  },
  {
    // Disclosure runs both ways: users paste personal data and keys that would reach the provider and its logs
    // (input), and the model repeats what its context or training data held (output).
    risk: 'LLM02',
    runtime: true,
    severity: 'high',
    controls: ['dp-output-pii-redaction'],
    covered: '`pii` and `secrets` on input (`user`) and on output, acting (redact, mask, tokenize or block)',
    partial: 'some of the four entries, or flag-only ones',
    remediation:
      'Add `pii` and `secrets` entries (action redact, mask or tokenize) under both input and output, so personal ' +
      'data and credentials neither reach the model nor leave it.',
    check: needsScanners(
      { scanner: 'pii', direction: 'input', roles: ['user'], enforce: true },
      { scanner: 'secrets', direction: 'input', roles: ['user'], enforce: true },
      { scanner: 'pii', direction: 'output', roles: ['assistant'], enforce: true },
      { scanner: 'secrets', direction: 'output', roles: ['assistant'], enforce: true },
    ),
  },
  {
    // Supply chain: where models, images and dependencies come from is settled before any request exists.
    risk: 'LLM03',
    runtime: false,
    reason:
      'Model provenance, third-party models, images and dependencies are settled before run time; the posture and ' +
      'registry parts check the supply-chain controls.',
  },
  {
    // Poisoning happens in training, fine-tuning and knowledge-base data, long before a request passes the gateway.
    risk: 'LLM04',
    runtime: false,
    reason:
      'Poisoning happens in training, fine-tuning and knowledge-base data before any request; the posture and data ' +
      'parts check versioning, lineage and source governance.',
  },
  {
    // Model output reaches browsers and interpreters: scripts, exfiltrating links and SQL/shell must be neutralised
    // before the answer leaves the gateway, so a flag-only entry does not count.
    risk: 'LLM05',
    runtime: true,
    severity: 'high',
    controls: ['app-output-sanitization'],
    covered: '`output_handling` on output, acting (redact or block); `allowDomains` and `outputSinks` tune it',
    partial: '`output_handling` flag-only',
    remediation:
      'Under output, add `- scanner: output_handling` with `action: redact`, `allowDomains` for the hosts answers may ' +
      'link to, and `outputSinks` (sql, shell, html, markdown) for the routes whose output is interpreted.',
    check: needsScanners({ scanner: 'output_handling', direction: 'output', roles: ['assistant'], enforce: true }),
  },
  {
    // Agency is bounded by which tools a model may call at all (an allow-list) and by a person confirming the
    // high-impact ones; deny lists alone leave every new tool allowed. `requireApproval: []` states "none needs it".
    risk: 'LLM06',
    runtime: true,
    severity: 'high',
    controls: ['app-tool-call-allowlist', 'app-human-approval-for-actions'],
    covered: '`tools.allow` without `*`, and `tools.requireApproval` set (`[]` when no tool needs a person)',
    partial: '`tools` rules without an allow-list, or without `requireApproval`',
    remediation:
      'Add `tools: { allow: [...], requireApproval: [...] }` listing the tools the model may call and the ones a ' +
      'person must confirm; `allow: []` when the application offers no tools.',
    check: toolRules,
  },
  {
    // Leaks show as the canary or verbatim runs of the system prompt in the answer; both need the output scanner,
    // and the canary catches leaks too short for the overlap measure.
    risk: 'LLM07',
    runtime: true,
    severity: 'medium',
    controls: ['app-system-prompt-protection'],
    covered: '`system_prompt_leak` on output, acting, with the canary on',
    partial: '`system_prompt_leak` flag-only, or with the canary off',
    remediation: 'Under output, add `- scanner: system_prompt_leak` with `action: block`; leave `canary` on.',
    check: promptLeak,
  },
  {
    // Vector stores: access control, tenant isolation and ingestion are the retrieval layer's; the guard only sees
    // retrieved chunks, which LLM01's document scan already screens for injected instructions.
    risk: 'LLM08',
    runtime: false,
    reason:
      'Vector-store access control, tenant isolation and ingestion belong to the retrieval layer; the posture and ' +
      'data parts check them. The guard screens retrieved chunks for injection under LLM01.',
  },
  {
    // Misinformation: the runtime signal is whether answers are supported by the retrieved sources. It is a signal
    // for review and disclaimers, so flagging counts.
    risk: 'LLM09',
    runtime: true,
    severity: 'medium',
    controls: ['app-grounding-and-disclaimers'],
    covered: '`grounding` on output (flag is enough: it marks answers for review)',
    partial: '—',
    remediation:
      'Under output, add `- scanner: grounding` (action flag) so answers not supported by the retrieved sources are ' +
      'marked; show sources and a disclaimer in the interface.',
    check: needsScanners({ scanner: 'grounding', direction: 'output', roles: ['assistant'], enforce: false }),
  },
  {
    // Unbounded consumption needs both a bound on each request and a bound per caller over time; either alone
    // still lets one caller exhaust capacity or budget.
    risk: 'LLM10',
    runtime: true,
    severity: 'medium',
    controls: ['app-rate-limits-token-budgets'],
    covered:
      'a request size bound (`limits.maxRequestBytes` or `length` on input) and a per-caller rate or budget ' +
      '(`requestsPerMinute`, `tokensPerMinute` or `tokenBudget`)',
    partial: 'one of the two, or only `maxTokens` / `timeoutMs`',
    remediation:
      'Set limits.maxRequestBytes (or a length scanner on input) and limits.requestsPerMinute, tokensPerMinute or ' +
      'tokenBudget.perDay; maxTokens and timeoutMs bound each call further.',
    check: consumptionLimits,
  },
];

/** Every catalog control a runtime guard policy implements, in rule order. */
export function guardControls(): string[] {
  return [...new Set(RISK_RULES.flatMap((r) => (r.runtime ? r.controls : [])))];
}
