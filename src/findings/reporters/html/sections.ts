/** The report's HTML sections other than charts. Every value from the assessment is escaped with `esc`. */
import { SCOPE_TITLES, VIEWS, type View } from '../../../catalog/schema.js';
import { type Assessment, openFailures, sortedFindings, type Tally } from '../../assessment.js';
import { atOrAbove, type Finding, SEVERITIES, severityRank } from '../../finding.js';
import type { ReportContext } from '../types.js';
import { esc, formatDuration, formatTime, plural } from './escape.js';

export interface Verdict {
  pass: boolean;
  /** Open failures at or above the fail-on threshold. */
  blocking: number;
  text: string;
}

export function verdict(a: Assessment, ctx: ReportContext): Verdict {
  const open = openFailures(a.findings);
  const blocking = open.filter((f) => atOrAbove(f.severity, ctx.failOn)).length;
  if (blocking > 0) {
    return { pass: false, blocking, text: `${plural(blocking, 'open finding')} at or above ${ctx.failOn}` };
  }
  const below = open.length > 0 ? `, ${plural(open.length, 'open finding')} below it` : '';
  return { pass: true, blocking, text: `nothing open at or above ${ctx.failOn}${below}` };
}

function location(f: Finding): string {
  const { file, line } = f.resource;
  if (!file) return '';
  return line ? `${file}:${line}` : file;
}

/** Escaped path or ARN with break opportunities after `/` and `:`, so it wraps at its natural boundaries. */
function breakable(path: string): string {
  return esc(path).replace(/([/:]+)/g, '$1<wbr>');
}

function fact(label: string, value: string, note?: string): string {
  return `<div><dt>${esc(label)}</dt><dd>${value}${note ? `<small>${note}</small>` : ''}</dd></div>`;
}

export function header(a: Assessment, ctx: ReportContext, v: Verdict): string {
  const p = a.profile;
  const { scope, source, evidence } = a.scope;
  const scopeNote =
    source === 'inferred' && evidence.length > 0
      ? `inferred from ${evidence.map(esc).join('; ')}`
      : source === 'declared'
        ? 'declared in the workload profile'
        : 'default: not declared, nothing to infer from';
  const reg = a.regulated;
  const took = Date.parse(a.finishedAt) - Date.parse(a.startedAt);
  const env = [p.environment, p.owner].filter(Boolean).map(esc).join(' · ');
  const facts = [
    fact('GenAI scope', `Scope ${scope} · ${esc(SCOPE_TITLES[scope])}`, scopeNote),
    fact(
      'Regulated',
      reg.regulated ? '<strong class="t-fail-strong">Yes</strong>' : 'No',
      reg.reasons.length > 0 ? reg.reasons.map(esc).join('; ') : 'no framework, data category or output makes it so',
    ),
    fact('Frameworks', p.frameworks.length > 0 ? p.frameworks.map((f) => `<code>${esc(f)}</code>`).join(' ') : 'none'),
    fact('Target', `<code>${esc(a.target)}</code>`, env || undefined),
    fact('Assessed', esc(formatTime(a.startedAt)), Number.isFinite(took) ? `took ${esc(formatDuration(took))}` : ''),
  ];
  return `<header class="masthead"><div class="wrap">
<p class="eyebrow">Steward · AI workload assessment</p>
<div class="title-row"><div><h1>${esc(p.name)}</h1>${p.description ? `<p class="desc">${esc(p.description)}</p>` : ''}</div>
<div class="verdict ${v.pass ? 'verdict-pass' : 'verdict-fail'}" role="status" data-verdict="${v.pass ? 'pass' : 'fail'}"><span class="verdict-word">${v.pass ? 'PASS' : 'FAIL'}</span><span class="verdict-why">${esc(v.text)}</span><span class="verdict-gate">fails on ${esc(ctx.failOn)} and above</span></div></div>
<dl class="facts">${facts.join('')}</dl>
</div></header>`;
}

const VIEW_QUESTIONS: Record<View, string> = {
  security: 'Is the system protected from threats?',
  governance: 'Are we deciding well about AI, with oversight?',
  compliance: 'Do we meet the rules we must follow?',
};

function stat(kind: string, n: number, label: string): string {
  return `<div class="stat stat-${kind}${n === 0 ? ' zero' : ''}"><span class="num" data-kind="${label}">${n}</span><span class="lab">${label}</span></div>`;
}

/** A thin proportion bar under each card (inline SVG, widths in percent). */
function miniBar(t: Tally): string {
  const total = t.failed + t.passed + t.suppressed;
  if (total === 0) return '<svg class="mini" width="100%" height="6" aria-hidden="true"></svg>';
  let x = 0;
  const rects = (
    [
      ['fail', t.failed],
      ['pass', t.passed],
      ['supp', t.suppressed],
    ] as const
  )
    .filter(([, n]) => n > 0)
    .map(([k, n]) => {
      const w = (n / total) * 100;
      const r = `<rect class="seg seg-${k}" x="${x.toFixed(2)}%" width="${w.toFixed(2)}%" height="6"/>`;
      x += w;
      return r;
    })
    .join('');
  return `<svg class="mini" width="100%" height="6" aria-hidden="true">${rects}</svg>`;
}

export function summaryCards(a: Assessment, ctx: ReportContext): string {
  const views = VIEWS.map((v) => {
    const t = ctx.rollup.byView[v];
    return `<article class="card view-card" data-view="${v}">
<h3>${v[0]!.toUpperCase()}${v.slice(1)}</h3><p class="q">${esc(VIEW_QUESTIONS[v])}</p>
<div class="stats">${stat('fail', t.failed, 'failed')}${stat('pass', t.passed, 'passed')}${stat('supp', t.suppressed, 'suppressed')}</div>
${miniBar(t)}</article>`;
  });
  const open = openFailures(a.findings);
  const sev = SEVERITIES.map((s) => {
    const n = open.filter((f) => f.severity === s).length;
    return `<li class="${n === 0 ? 'zero' : ''}"><span class="badge sev-${s}">${s}</span><span class="num" data-severity="${s}">${n}</span></li>`;
  }).join('');
  const t = ctx.rollup.total;
  const sevCard = `<article class="card sev-card"><h3>Open failures</h3><p class="q">${plural(a.findings.length, 'check')} run: ${t.passed} passed, ${t.skipped} skipped, ${plural(t.errors, 'error')}</p><ul class="sev-list">${sev}</ul></article>`;
  return `<section class="cards" aria-label="Summary by view">${views.join('')}${sevCard}</section>`;
}

const STATUS_LABEL: Record<Finding['status'], string> = { fail: 'Fail', pass: 'Pass', skip: 'Skipped', error: 'Error' };

function controlChips(f: Finding, ctx: ReportContext): string {
  if (f.controls.length === 0) return '<span class="muted">–</span>';
  return f.controls
    .map((id) => {
      const c = ctx.catalog.control(id);
      const tip = c ? `${c.title} (${c.layer}, ${c.view})` : 'not in the catalog';
      return `<span class="chip${c ? '' : ' chip-unknown'}" title="${esc(tip)}">${esc(id)}</span>`;
    })
    .join(' ');
}

/** Remediation, docs and evidence, folded away so the table stays scannable. Docs are shown, not linked: no URLs. */
function details(f: Finding): string {
  const parts: string[] = [];
  if (f.remediation) parts.push(`<p><strong>Remediation.</strong> ${esc(f.remediation)}</p>`);
  if (f.docs) parts.push(`<p><strong>Docs.</strong> <span class="url">${esc(f.docs)}</span></p>`);
  if (f.evidence && Object.keys(f.evidence).length > 0)
    parts.push(`<pre class="evidence">${esc(JSON.stringify(f.evidence, null, 2))}</pre>`);
  if (parts.length === 0) return '';
  const label = f.remediation ? 'How to fix' : 'Details';
  return `<details><summary>${label}</summary>${parts.join('')}</details>`;
}

function findingRow(f: Finding, ctx: ReportContext): string {
  const loc = location(f);
  const haystack = [f.ruleId, f.title, f.resource.id, f.resource.type, loc, f.message, ...f.controls]
    .join(' ')
    .toLowerCase();
  const cell = (label: string, content: string, cls = '') =>
    `<td data-label="${label}"${cls ? ` class="${cls}"` : ''}><div>${content}</div></td>`;
  return `<tr class="finding row-${f.status}" data-status="${f.status}" data-severity="${f.severity}" data-rank="${severityRank(f.severity)}" data-text="${esc(haystack)}">${[
    cell(
      'Severity',
      `<span class="badge sev-${f.severity}">${f.severity}</span><span class="status status-${f.status}">${STATUS_LABEL[f.status]}</span>`,
    ),
    cell('Rule', `<code class="rule">${esc(f.ruleId)}</code><span class="sub">${esc(f.title)}</span>`),
    cell('Resource', `<code>${breakable(f.resource.id)}</code><span class="sub">${esc(f.resource.type)}</span>`),
    cell('Location', loc ? `<code class="loc">${breakable(loc)}</code>` : '<span class="muted">–</span>'),
    cell('Message', `${esc(f.message)}${details(f)}`, 'msg'),
    cell('Controls', controlChips(f, ctx)),
  ].join('')}</tr>`;
}

const STATUS_ORDER: Record<Finding['status'], number> = { fail: 0, error: 1, skip: 2, pass: 3 };

/** Open failures, passes and skips (suppressed and errored findings have their own sections). */
export function findingsTable(a: Assessment, ctx: ReportContext): string {
  const shown = sortedFindings(a.findings.filter((f) => !f.suppression && f.status !== 'error')).sort(
    (x, y) => STATUS_ORDER[x.status] - STATUS_ORDER[y.status],
  );
  const body =
    shown.length > 0
      ? shown.map((f) => findingRow(f, ctx)).join('\n')
      : '<tr class="empty-row"><td colspan="6">No findings.</td></tr>';
  const open = shown.filter((f) => f.status === 'fail').length;
  return `<section class="panel" id="findings" aria-labelledby="findings-h">
<div class="section-head"><h2 id="findings-h">Findings</h2><p class="muted">${plural(open, 'open failure')}, ${shown.filter((f) => f.status === 'pass').length} passed, ${shown.filter((f) => f.status === 'skip').length} skipped</p></div>
<div class="filters" hidden>
<label>Search <input type="search" id="f-q" placeholder="rule, resource, file, message…" autocomplete="off"></label>
<label>Status <select id="f-status"><option value="all">All</option><option value="fail">Failed</option><option value="pass">Passed</option><option value="skip">Skipped</option></select></label>
<label>Severity <select id="f-sev"><option value="0">Any</option><option value="4">Critical</option><option value="3">High and above</option><option value="2">Medium and above</option><option value="1">Low and above</option></select></label>
<output id="f-count" aria-live="polite"></output>
</div>
<div class="table-wrap"><table class="findings">
<colgroup><col class="c-sev"><col class="c-rule"><col class="c-res"><col class="c-loc"><col class="c-msg"><col class="c-ctl"></colgroup>
<thead><tr><th scope="col">Severity</th><th scope="col">Rule</th><th scope="col">Resource</th><th scope="col">Location</th><th scope="col">Message</th><th scope="col">Controls</th></tr></thead>
<tbody>
${body}
</tbody></table></div>
</section>`;
}

export function suppressedList(a: Assessment): string {
  const items = sortedFindings(a.findings.filter((f) => f.status === 'fail' && f.suppression));
  const body =
    items.length === 0
      ? '<p class="muted">No findings are suppressed.</p>'
      : `<ul class="plain-list">${items
          .map((f) => {
            const s = f.suppression!;
            const loc = location(f);
            return `<li class="suppressed"><div class="line1"><span class="badge sev-${f.severity}">${f.severity}</span> <code class="rule">${esc(f.ruleId)}</code> on <code>${esc(f.resource.id)}</code>${loc ? ` <code class="loc">${esc(loc)}</code>` : ''}</div>
<p class="reason">${esc(s.reason)}</p><p class="sub">${esc(s.kind)} suppression${s.source ? ` · <code>${esc(s.source)}</code>` : ''} · ${esc(f.message)}</p></li>`;
          })
          .join('')}</ul>`;
  return `<section class="panel" id="suppressed" aria-labelledby="supp-h"><div class="section-head"><h2 id="supp-h">Suppressed</h2><p class="muted">Accepted risks, with the reason given</p></div>${body}</section>`;
}

export function partsTable(a: Assessment): string {
  const body =
    a.parts.length === 0
      ? '<p class="muted">No parts ran.</p>'
      : `<div class="table-wrap"><table class="parts"><thead><tr><th scope="col">Part</th><th scope="col">Status</th><th scope="col" class="r">Duration</th><th scope="col">What it looked at</th></tr></thead><tbody>${a.parts
          .map(
            (p) =>
              `<tr><td data-label="Part"><div><code>${esc(p.part)}</code></div></td><td data-label="Status"><div class="part-${p.status}">${esc(p.status)}</div></td><td data-label="Duration" class="r num-cell"><div>${esc(formatDuration(p.durationMs))}</div></td><td data-label="Summary"><div>${esc(p.summary ?? p.error ?? '–')}</div></td></tr>`,
          )
          .join('')}</tbody></table></div>`;
  return `<section class="panel" id="parts" aria-labelledby="parts-h"><div class="section-head"><h2 id="parts-h">Parts run</h2></div>${body}</section>`;
}

export function errorsList(a: Assessment, ctx: ReportContext): string {
  const items: string[] = [];
  for (const f of sortedFindings(a.findings.filter((x) => x.status === 'error'))) {
    const loc = location(f);
    items.push(
      `<li><code class="rule">${esc(f.ruleId)}</code>${loc ? ` <code class="loc">${esc(loc)}</code>` : ''}<p class="err-msg">${esc(f.message)}</p></li>`,
    );
  }
  for (const p of a.parts.filter((x) => x.status === 'error')) {
    items.push(
      `<li>Part <code>${esc(p.part)}</code> failed<p class="err-msg">${esc(p.error ?? 'no message')}</p></li>`,
    );
  }
  if (ctx.rollup.unknownControls.length > 0) {
    items.push(
      `<li>Findings name controls the catalog does not know<p class="err-msg">${ctx.rollup.unknownControls.map(esc).join(', ')}</p></li>`,
    );
  }
  const body =
    items.length === 0
      ? '<p class="muted">No errors: every part and check ran.</p>'
      : `<p class="warn">Results may be incomplete until these are fixed.</p><ul class="plain-list errors">${items.join('')}</ul>`;
  return `<section class="panel" id="errors" aria-labelledby="err-h"><div class="section-head"><h2 id="err-h">Errors</h2><p class="muted">${plural(items.length, 'error')}</p></div>${body}</section>`;
}
