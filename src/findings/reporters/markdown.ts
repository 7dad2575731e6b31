import { SCOPE_TITLES, VIEWS } from '../../catalog/schema.js';
import { type Assessment, openFailures, sortedFindings, type Tally } from '../assessment.js';
import { type Finding, SEVERITIES } from '../finding.js';
import { positiveInt, summarize } from './json.js';
import type { Reporter } from './types.js';

/** A pull-request comment: verdict first, then what to fix, then coverage. Fits GitHub's comment limit. */

export const GITHUB_COMMENT_LIMIT = 65_536;
export const MAX_FAILURE_ROWS = 50;
/** Lets a bot find and update its previous comment instead of adding a new one. */
export const COMMENT_MARKER = '<!-- steward-report -->';
const CELL_MAX = 200;

const TRUNCATED_NOTE =
  "\n\n> [!WARNING]\n> This report was cut to fit GitHub's 65,536-character comment limit. The JSON or SARIF report has every finding.\n";

/**
 * Make untrusted text inert in markdown: HTML special characters become entities, markdown punctuation that could
 * start emphasis, links, images, code or a table cell is backslash-escaped, and `@` cannot ping anyone.
 */
export function escapeMarkdown(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
    .replace(/@/g, '@&#8203;');
}

/** One line of table-cell text, cut to a readable length on a code-point boundary. */
export function cell(s: string | undefined, max = CELL_MAX): string {
  if (s === undefined || s === '') return '—';
  const flat = Array.from(s.replace(/\s+/g, ' ').trim());
  const cut = flat.length > max ? `${flat.slice(0, max - 1).join('')}…` : flat.join('');
  return escapeMarkdown(cut);
}

function htmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A link only for plain http(s) URLs, with the characters that would end the link or the cell encoded. */
function link(text: string, url: string | undefined): string {
  if (!url || !/^https?:\/\/[^\s]+$/.test(url)) return text;
  const safe = url.replace(/[()|<>`\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return `[${text}](${safe})`;
}

function location(f: Finding): string {
  if (!f.resource.file) return '—';
  const line = positiveInt(f.resource.line);
  return cell(line ? `${f.resource.file}:${line}` : f.resource.file);
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

const VIEW_TITLES = { security: 'Security', governance: 'Governance', compliance: 'Compliance' } as const;

function tallyRow(label: string, t: Tally): string {
  return `| ${label} | ${t.failed} | ${t.passed} | ${t.suppressed} | ${t.skipped} | ${t.errors} |`;
}

const TALLY_HEADER = ['| Failed | Passed | Suppressed | Skipped | Errors |', '|---:|---:|---:|---:|---:|'];

/** Sections are lists of units; a unit is never split, so a cut never leaves half a table row or an open tag. */
type Section = string[];

function assemble(sections: Section[], limit: number): string {
  let out = '';
  for (const section of sections) {
    for (let i = 0; i < section.length; i++) {
      const piece = `${out === '' ? '' : i === 0 ? '\n\n' : '\n'}${section[i]}`;
      if (out.length + piece.length + TRUNCATED_NOTE.length > limit) return `${out}${TRUNCATED_NOTE}`;
      out += piece;
    }
  }
  return `${out}\n`;
}

export function renderMarkdownWithLimit(assessment: Assessment, ctx: Parameters<Reporter>[1], limit: number): string {
  const findings = sortedFindings(assessment.findings);
  const s = summarize(findings, ctx.failOn);
  const r = ctx.rollup;
  const sections: Section[] = [];

  const atOrAbove = SEVERITIES.slice(0, SEVERITIES.indexOf(ctx.failOn) + 1).reduce(
    (n, sev) => n + s.bySeverity[sev],
    0,
  );
  const verdict =
    s.verdict === 'fail'
      ? `## ❌ Steward: ${plural(atOrAbove, 'open failure')} at or above ${ctx.failOn}`
      : `## ✅ Steward: no open failures at or above ${ctx.failOn}`;
  const scope = assessment.scope.scope;
  sections.push([
    COMMENT_MARKER,
    verdict,
    '',
    `**${cell(assessment.target)}** · GenAI scope ${scope} (${SCOPE_TITLES[scope] ?? 'unknown'}) · ${
      assessment.regulated.regulated ? `regulated: ${cell(assessment.regulated.reasons.join('; '))}` : 'not regulated'
    }`,
    '',
    `${plural(s.failed, 'open failure')} in all · ${s.passed} passed · ${s.suppressed} suppressed · ` +
      `${s.skipped} skipped · ${plural(s.errors, 'error')}`,
  ]);

  sections.push([
    '### By view',
    '',
    `| View ${TALLY_HEADER[0]}`,
    `|---${TALLY_HEADER[1]}`,
    ...VIEWS.map((v) => tallyRow(VIEW_TITLES[v], r.byView[v])),
  ]);
  sections.push([
    '### By severity',
    '',
    `| Severity ${TALLY_HEADER[0]}`,
    `|---${TALLY_HEADER[1]}`,
    ...SEVERITIES.map((sev) =>
      tallyRow(sev, r.bySeverity[sev] ?? { passed: 0, failed: 0, suppressed: 0, skipped: 0, errors: 0 }),
    ),
  ]);

  const open = openFailures(findings);
  if (open.length > 0) {
    const shown = open.slice(0, MAX_FAILURE_ROWS);
    sections.push([
      `### Open failures (${open.length})`,
      '',
      '| Severity | Rule | Resource | Location | Message |',
      '|---|---|---|---|---|',
      ...shown.map(
        (f) =>
          `| ${f.severity} | ${link(cell(f.ruleId, 80), f.docs)} | ${cell(`${f.resource.id} (${f.resource.type})`, 120)} | ${location(f)} | ${cell(f.message)} |`,
      ),
      ...(open.length > shown.length ? ['', `_…and ${open.length - shown.length} more._`] : []),
    ]);
  }

  const errors = findings.filter((f) => f.status === 'error');
  const partErrors = assessment.parts.filter((p) => p.status === 'error');
  if (errors.length + partErrors.length > 0) {
    sections.push([
      `### Errors (${errors.length + partErrors.length})`,
      '',
      ...partErrors.map((p) => `- part **${p.part}** failed: ${cell(p.error)}`),
      ...errors.map((f) => `- ${cell(f.ruleId, 80)} (${location(f)}): ${cell(f.message)}`),
    ]);
  }

  const frameworks = Object.entries(r.byFramework);
  if (frameworks.length > 0) {
    const required = new Set<string>(assessment.profile.frameworks ?? []);
    sections.push([
      '### Framework coverage',
      ...frameworks.map(([id, fw]) => {
        const count = (state: string) => fw.requirements.filter((q) => q.state === state).length;
        const withEvidence = fw.requirements.filter((q) => q.state !== 'no-evidence');
        const icon = count('failing') > 0 ? '❌' : count('passing') > 0 ? '✅' : '➖';
        const summary = `${icon} <b>${htmlEscape(fw.title)}</b>${required.has(id) ? ' (required)' : ''}: ${count('failing')} failing · ${count('passing')} passing · ${count('no-evidence')} without evidence`;
        const body = withEvidence.length
          ? [
              '| Requirement | State | Failed | Passed | Suppressed |',
              '|---|---|---:|---:|---:|',
              ...withEvidence.map(
                (q) =>
                  `| ${cell(`${q.id} ${q.title}`, 120)} | ${q.state === 'failing' ? '❌ failing' : '✅ passing'} | ${q.tally.failed} | ${q.tally.passed} | ${q.tally.suppressed} |`,
              ),
            ]
          : ['_No finding gave evidence for this framework._'];
        return ['', `<details><summary>${summary}</summary>`, '', ...body, '', '</details>'].join('\n');
      }),
    ]);
  }

  const suppressed = findings.filter((f) => f.status === 'fail' && f.suppression);
  if (suppressed.length > 0) {
    sections.push([
      `### Suppressed (${suppressed.length})`,
      '',
      ...suppressed.map((f) => {
        const sup = f.suppression!;
        const from = sup.source ? `, ${cell(sup.source, 120)}` : '';
        return `- ${f.severity} ${cell(f.ruleId, 80)} on ${cell(f.resource.id, 120)} (${location(f)}): ${cell(sup.reason)} _(${sup.kind}${from})_`;
      }),
    ]);
  }

  return assemble(sections, limit);
}

export const renderMarkdown: Reporter = (assessment, ctx) =>
  renderMarkdownWithLimit(assessment, ctx, GITHUB_COMMENT_LIMIT);
