/**
 * The `guard` part of `steward assess`: find the workload's guard policy, load it with the guard's own loader and
 * report, per OWASP LLM Top 10 (2025) risk, whether the policy covers it (rules in guard-coverage-rules.ts).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Catalog } from '../catalog/catalog.js';
import type { PartRun } from '../findings/assessment.js';
import type { Finding, ResourceRef, Severity, Status } from '../findings/finding.js';
import type { GuardPolicy } from '../guard/policy/guard-policy.js';
import { loadPolicy } from '../guard/policy/load-policy.js';
import type { OverrideInput, ScannerEntryInput } from '../guard/policy/schema.js';
import type { Direction } from '../guard/types.js';
import { displayPath } from '../util/display-path.js';
import { UserError } from '../util/errors.js';
import { PROJECT_URL } from '../util/project.js';
import {
  type Coverage,
  type CoverageCheck,
  guardControls,
  type PolicyView,
  RISK_RULES,
  type RiskRule,
  type RuntimeRiskRule,
  weaker,
} from './guard-coverage-rules.js';

/** Where `steward assess` looks for a guard policy when steward.yaml does not name one, in this order. */
export const GUARD_POLICY_CANDIDATES = ['guard-policy.yaml', 'guard/policy.yaml', 'policy/guard.yaml'] as const;

export const OWASP_FRAMEWORK = 'owasp-llm-2025';
const POLICY_RULE = 'guard-policy';

export interface GuardCoverageInput {
  /** The workload folder (absolute). */
  dir: string;
  /** Paths in findings are relative to this. */
  root: string;
  /** steward.yaml's `guard.policy`, relative to the folder (its existence is checked when steward.yaml loads). */
  declaredPolicy?: string;
  workloadName: string;
  /** steward.yaml as shown in reports, if there is one. */
  stewardFile?: string;
  catalog: Catalog;
}

export interface GuardCoverageResult {
  findings: Finding[];
  part: PartRun;
}

/** The policy file for a workload folder: the declared one, else the first candidate that exists. */
export function findGuardPolicy(dir: string, declared?: string): string | undefined {
  if (declared !== undefined) return resolve(dir, declared);
  return GUARD_POLICY_CANDIDATES.map((c) => join(dir, c)).find((f) => existsSync(f));
}

export function riskRuleId(risk: string): string {
  return `guard-owasp-${risk.toLowerCase()}`;
}

/** GitHub's heading anchor for `## LLM01 Prompt Injection` in docs/owasp-coverage.md. */
export function riskAnchor(risk: string, title: string): string {
  return `${risk} ${title}`
    .toLowerCase()
    .replace(/[^a-z0-9 -]/g, '')
    .replace(/ /g, '-');
}

export function guardCoverage(input: GuardCoverageInput): GuardCoverageResult {
  const started = performance.now();
  const duration = () => Math.round(performance.now() - started);
  const controls = guardControls();
  const file = findGuardPolicy(input.dir, input.declaredPolicy);
  if (!file) {
    const resource: ResourceRef = {
      type: 'Steward::Workload',
      id: input.workloadName,
      ...(input.stewardFile ? { file: input.stewardFile } : {}),
    };
    const finding = policyFinding('skip', 'info', resource, controls, noPolicyMessage());
    return {
      findings: [finding],
      part: { part: 'guard', status: 'skipped', durationMs: duration(), summary: 'no guard policy found' },
    };
  }

  const shown = displayPath(file, input.root);
  const resource: ResourceRef = { type: 'Steward::GuardPolicy', id: shown, file: shown };
  let policy: GuardPolicy;
  try {
    policy = loadPolicy(file);
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    // The loader names the absolute path; reports show it relative to the root, like every other file.
    const message = e.message.split(file).join(shown);
    const finding = policyFinding('error', 'high', resource, controls, message);
    const part: PartRun = { part: 'guard', status: 'error', durationMs: duration(), summary: shown, error: message };
    return { findings: [finding], part };
  }

  const findings = policyCoverage(policy, resource, input.catalog);
  const count = (c: Coverage) => findings.filter((f) => f.evidence?.coverage === c).length;
  const runtime = RISK_RULES.filter((r) => r.runtime).length;
  const notRuntime = RISK_RULES.filter((r) => !r.runtime).map((r) => r.risk);
  return {
    findings,
    part: {
      part: 'guard',
      status: 'ok',
      durationMs: duration(),
      summary:
        `${shown}: ${count('covered')} of ${runtime} runtime OWASP LLM risks covered, ${count('partial')} partly, ` +
        `${count('none')} not (${notRuntime.join(', ')}: not runtime concerns)`,
    },
  };
}

/** One finding per OWASP LLM 2025 risk for a loaded policy, in OWASP order. */
export function policyCoverage(policy: GuardPolicy, resource: ResourceRef, catalog: Catalog): Finding[] {
  const views = policyViews(policy);
  return RISK_RULES.map((rule) => riskFinding(rule, views, resource, catalog));
}

function noPolicyMessage(): string {
  const looked = GUARD_POLICY_CANDIDATES.join(', ');
  return (
    `No guard policy found (looked for steward.yaml guard.policy, then ${looked}), so the runtime OWASP LLM risks ` +
    'are not assessed. Add one, starting from examples/guard/policy.yaml, or name it in steward.yaml under guard.policy.'
  );
}

function policyFinding(
  status: Status,
  severity: Severity,
  resource: ResourceRef,
  controls: string[],
  message: string,
): Finding {
  return {
    ruleId: POLICY_RULE,
    title: 'Workload has a valid runtime guard policy',
    severity,
    status,
    message,
    resource,
    controls,
    part: 'guard',
    remediation:
      'Put a guard policy at guard/policy.yaml (or set guard.policy in steward.yaml) and run it with ' +
      '`steward guard serve --policy <file>`; `steward guard check --policy <file>` validates it.',
    docs: `${PROJECT_URL}/blob/main/docs/owasp-coverage.md`,
  };
}

/**
 * Every (route, API key) pair the policy can resolve to: the base, each route, each key and each route with each
 * key. A risk is only as covered as its weakest pair, since a route or key override may switch a scanner off.
 */
export function policyViews(policy: GuardPolicy): PolicyView[] {
  const doc = policy.document;
  const views: PolicyView[] = [];
  for (const route of [undefined, ...Object.keys(doc.routes)]) {
    for (const key of [undefined, ...Object.keys(doc.apiKeys)]) {
      const layers: OverrideInput[] = [];
      if (key !== undefined) layers.push(doc.apiKeys[key]!);
      if (route !== undefined) layers.push(doc.routes[route]!);
      const names = [route === undefined ? '' : `route ${route}`, key === undefined ? '' : `API key ${key}`];
      views.push({
        name: names.filter(Boolean).join(' + ') || 'default',
        policy: policy.resolve(route, key),
        // The last layer that set the entry wins, as in GuardPolicy.resolve: API key, then route, then the base.
        entryKeys: (direction: Direction, entryKey: string) => {
          for (const list of [...layers.map((l) => l[direction]), doc[direction]]) {
            const hit = list?.find((e: ScannerEntryInput) => (e.id ?? e.scanner) === entryKey);
            if (hit) return hit;
          }
          return undefined;
        },
      });
    }
  }
  return views;
}

function riskFinding(rule: RiskRule, views: PolicyView[], resource: ResourceRef, catalog: Catalog): Finding {
  const title = catalog.requirement(OWASP_FRAMEWORK, rule.risk)?.title ?? rule.risk;
  const base = {
    ruleId: riskRuleId(rule.risk),
    title: `Guard policy covers ${rule.risk} ${title}`,
    resource,
    part: 'guard' as const,
    docs: `${PROJECT_URL}/blob/main/docs/owasp-coverage.md#${riskAnchor(rule.risk, title)}`,
  };
  if (!rule.runtime) {
    return {
      ...base,
      severity: 'info',
      status: 'skip',
      message: `${rule.risk} ${title} is not addressed by a runtime guard. ${rule.reason}`,
      controls: [],
      evidence: { coverage: 'not-runtime' },
    };
  }
  const { check, view, byView } = weakestView(rule, views);
  const { coverage, has, lacks } = check;
  const on = view.name === 'default' ? '' : ` on ${view.name}`;
  const state = coverage === 'covered' ? 'is covered' : coverage === 'partial' ? 'is partly covered' : 'is not covered';
  const parts = [has.length ? has.join('; ') : '', lacks.length ? `missing: ${lacks.join('; ')}` : ''];
  return {
    ...base,
    severity: coverage === 'partial' ? oneLower(rule.severity) : rule.severity,
    status: coverage === 'covered' ? 'pass' : 'fail',
    message: `${rule.risk} ${title} ${state}${on}: ${parts.filter(Boolean).join('; ')}.`,
    controls: [...rule.controls],
    ...(coverage === 'covered' ? {} : { remediation: rule.remediation }),
    evidence: { coverage, has, lacks, ...(views.length > 1 ? { views: byView } : {}) },
  };
}

/** The view with the weakest coverage (the first one on ties, so the base policy wins when all agree). */
function weakestView(rule: RuntimeRiskRule, views: PolicyView[]) {
  let worst: { check: CoverageCheck; view: PolicyView } | undefined;
  const byView: Record<string, Coverage> = {};
  for (const view of views) {
    const check = rule.check(view);
    byView[view.name] = check.coverage;
    if (!worst || weaker(check.coverage, worst.check.coverage)) worst = { check, view };
  }
  return { ...worst!, byView };
}

const LOWER: Record<Severity, Severity> = {
  critical: 'high',
  high: 'medium',
  medium: 'low',
  low: 'info',
  info: 'info',
};

function oneLower(s: Severity): Severity {
  return LOWER[s];
}
