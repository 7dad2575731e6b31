// Coverage diff: which cdk-nag rules report findings on a set of templates, on how many resources, and whether a
// Steward rule names each one in `equivalents.cdkNag` — and, where none does, whether some Steward rule fails on the
// same resources anyway (a candidate equivalent that exists but is not declared).

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/** Per cdk-nag rule id: what Steward does about it (see the file's header). */
export const DECISIONS_FILE = fileURLToPath(new URL('../coverage-decisions.yaml', import.meta.url));
const DECISION_KINDS = ['covered-by', 'added', 'out-of-scope', 'missing'];

const key = (file, id) => `${file}#${id}`;
/** "AwsSolutions-IAM5[Action::s3:*]" → "AwsSolutions-IAM5": the finding suffix is per finding, not per rule. */
const baseRule = (rule) => rule.replace(/\[.*$/, '');
const packOf = (rule) => rule.slice(0, rule.indexOf('-'));
const checkOf = (rule) => rule.slice(rule.indexOf('-') + 1);

/**
 * @param nagTemplates cdk-nag worker results for the templates ({ file, violations, types } or { skipped })
 * @param rules `steward rules --format json`
 * @param findings Steward findings for the same files (paths relative to `repo`)
 * @param decisions `loadDecisions()`: each row gets its `decision`, and rows without a declared equivalent or a
 *   decision are listed in `undecided`
 */
export function coverageDiff(nagTemplates, rules, findings, repo, decisions = loadDecisions()) {
  const analysed = nagTemplates.filter((t) => !t.skipped);
  const files = new Set(analysed.map((t) => t.file));

  // cdk-nag: rule → resources it flags (rules that threw are kept apart: they are errors, not findings).
  const nag = new Map();
  const nagErrors = new Map();
  const typeOf = new Map();
  const perType = new Map();
  for (const t of analysed) {
    for (const [id, type] of Object.entries(t.types ?? {})) {
      typeOf.set(key(t.file, id), type);
      perType.set(type, (perType.get(type) ?? 0) + 1);
    }
    for (const v of t.violations) {
      const into = v.ruleError ? nagErrors : nag;
      const rule = baseRule(v.rule);
      if (!into.has(rule)) into.set(rule, new Set());
      into.get(rule).add(key(t.file, v.logicalId));
    }
  }

  // Steward: rule → resources it fails, on the same files.
  const steward = new Map();
  for (const f of findings) {
    if (f.status !== 'fail' || !f.resource?.file) continue;
    const file = resolve(repo, f.resource.file);
    if (!files.has(file)) continue;
    if (!steward.has(f.ruleId)) steward.set(f.ruleId, new Set());
    steward.get(f.ruleId).add(key(file, f.resource.id));
  }

  const declared = new Map();
  for (const r of rules)
    for (const id of r.equivalents?.cdkNag ?? []) declared.set(id, [...(declared.get(id) ?? []), r.id]);

  const rows = [...nag.entries()]
    .map(([rule, resources]) => {
      const equivalents = declared.get(rule) ?? [];
      const row = {
        rule,
        pack: packOf(rule),
        check: checkOf(rule),
        resources: resources.size,
        types: [...new Set([...resources].map((k) => typeOf.get(k) ?? '?'))].sort(),
        equivalents,
        decision: decisions.get(rule),
      };
      if (equivalents.length) {
        const union = new Set(equivalents.flatMap((id) => [...(steward.get(id) ?? [])]));
        row.stewardAlsoFlags = [...resources].filter((k) => union.has(k)).length;
      } else if (resources.size >= row.types.reduce((n, type) => n + (perType.get(type) ?? 0), 0)) {
        // It flags every resource of its type(s): any Steward rule failing them all would "match"; no telling apart.
        row.everyResource = true;
      } else {
        const best = bestOverlap(resources, steward);
        if (best) row.undeclared = best;
      }
      return row;
    })
    .sort((a, b) => a.pack.localeCompare(b.pack) || b.resources - a.resources || a.rule.localeCompare(b.rule));

  const nagIds = new Set(nag.keys());
  const stewardOnly = [...steward.entries()]
    .map(([id, resources]) => {
      const rule = rules.find((r) => r.id === id);
      const eq = rule?.equivalents?.cdkNag ?? [];
      return { rule: id, resources: resources.size, cdkNag: eq, cdkNagFired: eq.filter((e) => nagIds.has(e)) };
    })
    .filter((r) => r.cdkNagFired.length === 0)
    .sort((a, b) => b.resources - a.resources || a.rule.localeCompare(b.rule));

  const missing = rows.filter((r) => r.equivalents.length === 0);
  return {
    templates: analysed.length,
    skipped: nagTemplates.length - analysed.length,
    rows,
    missing,
    undecided: missing.filter((r) => !r.decision),
    decisionProblems: checkDecisions(decisions, rules),
    ruleErrors: [...nagErrors.entries()]
      .map(([rule, s]) => ({ rule, resources: s.size }))
      .sort((a, b) => b.resources - a.resources),
    stewardOnly,
  };
}

/**
 * The Steward rule whose failures are (nearly) the same resources: Jaccard similarity ≥ 0.8, so a rule that merely
 * fails on many of the same buckets for another reason does not pass for an equivalent.
 */
function bestOverlap(resources, steward) {
  let best;
  for (const [id, flagged] of steward) {
    let both = 0;
    for (const k of resources) if (flagged.has(k)) both++;
    const jaccard = both / (resources.size + flagged.size - both);
    if (both && (!best || jaccard > best.jaccard)) best = { rule: id, both, stewardTotal: flagged.size, jaccard };
  }
  return best && best.jaccard >= 0.8 ? best : undefined;
}

/**
 * Check the ids Steward declares in `equivalents.cdkNag` against cdk-nag's documented rules (`known`: id → pack):
 * ids cdk-nag does not have, and ids from packs this bench does not run (they can never fire here).
 */
export function declaredEquivalents(rules, known, packsRun) {
  const unknown = new Map();
  const otherPack = new Map();
  for (const r of rules)
    for (const id of r.equivalents?.cdkNag ?? []) {
      const into = !known.has(id) ? unknown : packsRun.includes(known.get(id)) ? undefined : otherPack;
      into?.set(id, [...(into.get(id) ?? []), r.id]);
    }
  const list = (m) =>
    [...m.entries()].map(([id, stewardRules]) => ({ id, stewardRules })).sort((a, b) => a.id.localeCompare(b.id));
  return { unknown: list(unknown), otherPack: list(otherPack) };
}

/**
 * Read coverage-decisions.yaml into a map from cdk-nag rule id to { decision, steward, why }. A malformed file or
 * entry throws an error naming the file, the id and what to fix.
 */
export function loadDecisions(file = DECISIONS_FILE) {
  let doc;
  try {
    doc = parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`${file}: cannot read the coverage decisions (${e instanceof Error ? e.message : e})`);
  }
  const entries = doc?.decisions;
  if (!entries || typeof entries !== 'object' || Array.isArray(entries))
    throw new Error(`${file}: expected a top-level "decisions:" map of cdk-nag rule id → { decision, steward, why }`);
  const out = new Map();
  for (const [id, d] of Object.entries(entries)) {
    const where = `${file}: decisions.${id}`;
    if (!DECISION_KINDS.includes(d?.decision))
      throw new Error(`${where}.decision is ${JSON.stringify(d?.decision)}; use one of ${DECISION_KINDS.join(', ')}`);
    if (typeof d.why !== 'string' || !d.why.trim()) throw new Error(`${where}.why must say, in one line, why`);
    const steward = d.steward ?? [];
    if (!Array.isArray(steward) || steward.some((s) => typeof s !== 'string'))
      throw new Error(`${where}.steward must be a list of Steward rule ids ([] when none)`);
    if ((d.decision === 'covered-by' || d.decision === 'added') && steward.length === 0)
      throw new Error(`${where}: a ${d.decision} decision names the Steward rule(s) in steward`);
    out.set(id, { decision: d.decision, steward, why: d.why.trim() });
  }
  return out;
}

/**
 * Decisions that no longer match the rules: Steward rule ids that do not exist, and covered-by/added decisions whose
 * Steward rules do not declare the cdk-nag id (unless the why says they deliberately do not).
 */
export function checkDecisions(decisions, rules) {
  const byId = new Map(rules.map((r) => [r.id, r]));
  const problems = [];
  for (const [id, d] of decisions) {
    for (const s of d.steward) if (!byId.has(s)) problems.push(`${id}: Steward rule ${s} does not exist`);
    if (d.decision !== 'covered-by' && d.decision !== 'added') continue;
    const declaring = d.steward.filter((s) => byId.get(s)?.equivalents?.cdkNag?.includes(id));
    if (declaring.length === 0) problems.push(`${id}: ${d.decision} ${d.steward.join(', ')}, which do(es) not list it`);
  }
  return problems;
}

/** The decision column of a row: `added: sns-topic-cmk — why`, or empty when there is no decision. */
export function decisionCell(row) {
  const d = row.decision;
  if (!d) return '';
  return `${d.decision}${d.steward.length ? `: ${d.steward.join(', ')}` : ''} — ${d.why}`;
}
