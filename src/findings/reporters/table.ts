/** Terminal reporter: what `steward assess` and `steward scan` print. Plain padding, no table library. */
import pc from 'picocolors';
import { SCOPE_TITLES, VIEWS } from '../../catalog/schema.js';
import { type Assessment, emptyTally, openFailures, sortedFindings, type Tally } from '../assessment.js';
import { atOrAbove, type Finding, SEVERITIES, type Severity } from '../finding.js';
import type { ReportContext } from './types.js';

type Colors = ReturnType<typeof pc.createColors>;

/**
 * Control characters (ANSI escapes, newlines) and bidi overrides in rule messages or file names could repaint the
 * terminal or reorder text; every value from a finding goes through this before it is printed.
 */
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]+/g;

export function cleanText(s: string): string {
  return s.replace(UNSAFE_CHARS, ' ').trim();
}

/** Length in code points: close enough for padding without a width table for wide characters. */
function len(s: string): number {
  return [...s].length;
}

export function truncate(s: string, max: number): string {
  if (max <= 0) return '';
  const chars = [...s];
  return chars.length <= max ? s : `${chars.slice(0, max - 1).join('')}…`;
}

/** Keep the end of a value (`…role/MyRole`, `…/template.yaml:40`) when it must be shortened. */
export function truncateStart(s: string, max: number): string {
  if (max <= 0) return '';
  const chars = [...s];
  return chars.length <= max ? s : `…${chars.slice(chars.length - max + 1).join('')}`;
}

const MIN_MESSAGE = 40;
export const MAX_TABLE_ROWS = 500;
const MIN_COLUMN = 12;

/**
 * Natural widths of the fixed columns, shrinking the widest (never below MIN_COLUMN) until the message column gets
 * at least MIN_MESSAGE characters of the terminal.
 */
function columnWidths(heads: string[], rows: string[][], cols: number): number[] {
  const widths = heads.map((h, i) => rows.reduce((w, r) => Math.max(w, len(r[i]!)), len(h)));
  const budget = cols - 2 - 2 * heads.length - MIN_MESSAGE;
  for (;;) {
    const total = widths.reduce((sum, w) => sum + w, 0);
    // Severity (column 0) is short and never shrinks.
    const widest = widths.reduce((best, w, i) => (i > 0 && w > widths[best]! ? i : best), 1);
    if (total <= budget || widths[widest]! <= MIN_COLUMN) return widths;
    widths[widest]!--;
  }
}

function pad(s: string, w: number, right = false): string {
  const fill = ' '.repeat(Math.max(0, w - len(s)));
  return right ? fill + s : s + fill;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function location(f: Finding): string {
  const { file, line } = f.resource;
  if (!file) return '';
  return line ? `${file}:${line}` : file;
}

function severityColor(c: Colors, s: Severity): (t: string) => string {
  switch (s) {
    case 'critical':
      return (t) => c.bold(c.red(t));
    case 'high':
      return c.red;
    case 'medium':
      return c.yellow;
    case 'low':
      return c.cyan;
    default:
      return c.dim;
  }
}

/** A small counts grid: label column, then failed / passed / suppressed. */
function tallyGrid(c: Colors, title: string, rows: [string, Tally][], labelW: number): string[] {
  const heads = ['failed', 'passed', 'suppressed'];
  const out = [c.bold(pad(title, labelW)) + heads.map((h) => `  ${c.dim(h)}`).join('')];
  for (const [label, t] of rows) {
    const cells = [t.failed, t.passed, t.suppressed].map((n, i) => {
      const text = pad(String(n), heads[i]!.length, true);
      if (n === 0) return `  ${c.dim(text)}`;
      return `  ${i === 0 ? c.red(text) : i === 1 ? c.green(text) : c.yellow(text)}`;
    });
    out.push(`  ${pad(label, labelW - 2)}${cells.join('')}`);
  }
  return out;
}

function scopeLine(a: Assessment): string {
  const { scope, source, evidence } = a.scope;
  const base = `${scope} · ${SCOPE_TITLES[scope]}`;
  if (source !== 'inferred' || evidence.length === 0) return `${base} (${source})`;
  const more = evidence.length > 2 ? `; +${evidence.length - 2} more` : '';
  return `${base} (inferred from ${evidence.slice(0, 2).map(cleanText).join('; ')}${more})`;
}

/** Errors worth a line of their own: findings that could not be evaluated, parts that crashed, unknown control ids. */
function errorLines(a: Assessment, ctx: ReportContext): string[] {
  const lines: string[] = [];
  for (const f of sortedFindings(a.findings)) {
    if (f.status !== 'error') continue;
    const where = location(f) || f.resource.id;
    // Parse errors often already start with file:line; do not print it twice.
    const msg = f.message.startsWith(where) ? f.message.slice(where.length).replace(/^[:\s]+/, '') : f.message;
    lines.push(`${f.ruleId}  ${where}  ${msg}`);
  }
  for (const p of a.parts) {
    if (p.status === 'error') lines.push(`part ${p.part} failed${p.error ? `: ${p.error}` : ''}`);
  }
  if (ctx.rollup.unknownControls.length > 0) {
    lines.push(`findings name controls the catalog does not know: ${ctx.rollup.unknownControls.join(', ')}`);
  }
  return lines.map(cleanText);
}

export function renderTable(a: Assessment, ctx: ReportContext, width = ctx.width ?? 120): string {
  const c = pc.createColors(ctx.color);
  const cols = Math.max(40, width);
  const out: string[] = [];
  const line = (s = '') => out.push(s);

  // Headline
  line(`${c.bold('Steward')} ${c.dim('·')} ${c.bold(truncate(cleanText(a.profile.name), cols - 10))}`);
  const field = (k: string, v: string) => line(`  ${c.dim(pad(k, 10))}  ${truncate(v, cols - 14)}`);
  field('target', cleanText(a.target));
  field('scope', scopeLine(a));
  const reg = a.regulated;
  field('regulated', reg.regulated ? `yes: ${reg.reasons.map(cleanText).join('; ')}` : 'no');
  line();

  // Summary
  const t = ctx.rollup.total;
  const totalParts = [
    `${t.failed} failed`,
    `${t.passed} passed`,
    `${t.suppressed} suppressed`,
    `${t.skipped} skipped`,
    plural(t.errors, 'error'),
  ];
  line(`${c.bold('Checks')}  ${plural(a.findings.length, 'finding')}: ${totalParts.join(', ')}`);
  line();
  // One label width for both grids so their numbers line up.
  const labelW = Math.max(...[...VIEWS, ...SEVERITIES].map((k) => len(k) + 2), len('By severity'));
  const byView: [string, Tally][] = VIEWS.map((v) => [v, ctx.rollup.byView[v]]);
  const bySeverity: [string, Tally][] = SEVERITIES.map((s) => [s, ctx.rollup.bySeverity[s] ?? emptyTally()]);
  for (const l of tallyGrid(c, 'By view', byView, labelW)) line(l);
  line();
  for (const l of tallyGrid(c, 'By severity', bySeverity, labelW)) line(l);
  line();

  // Open failures as an aligned table; the message takes whatever width is left.
  const allOpen = sortedFindings(openFailures(a.findings));
  // A terminal is for reading: past a few hundred rows the table points to the machine formats instead.
  const open = allOpen.slice(0, MAX_TABLE_ROWS);
  line(c.bold(`Open failures (${allOpen.length})`));
  if (open.length === 0) line(c.dim('  none'));
  else {
    const heads = ['SEVERITY', 'RULE', 'RESOURCE', 'LOCATION'];
    const raw = open.map((f) => [f.severity, cleanText(f.ruleId), cleanText(f.resource.id), cleanText(location(f))]);
    const widths = columnWidths(heads, raw, cols);
    // Rule ids keep their start; ARNs and paths keep their end, where the distinctive part is.
    const rows = open.map((f, r) => ({
      f,
      cells: raw[r]!.map((cell, i) => (i === 1 ? truncate(cell, widths[i]!) : truncateStart(cell, widths[i]!))),
    }));
    const used = 2 + widths.reduce((sum, w) => sum + w + 2, 0);
    const msgW = Math.max(16, cols - used);
    line(c.dim(`  ${heads.map((h, i) => pad(h, widths[i]!)).join('  ')}  MESSAGE`));
    for (const { f, cells } of rows) {
      const sev = severityColor(c, f.severity)(pad(cells[0]!, widths[0]!));
      const rest = cells.slice(1).map((cell, i) => pad(cell, widths[i + 1]!));
      line(`  ${sev}  ${rest.join('  ')}  ${truncate(cleanText(f.message), msgW)}`);
    }
    if (allOpen.length > open.length)
      line(
        c.dim(
          `  … and ${allOpen.length - open.length} more (the ${MAX_TABLE_ROWS} most severe are shown; use --format json or sarif for all)`,
        ),
      );
  }

  const suppressed = sortedFindings(a.findings.filter((f) => f.status === 'fail' && f.suppression));
  if (suppressed.length > 0) {
    line();
    line(c.bold(`Suppressed (${suppressed.length})`));
    for (const f of suppressed) {
      const s = f.suppression!;
      const from = s.source ? `${s.kind}: ${s.source}` : s.kind;
      const text = cleanText(`${f.severity}  ${f.ruleId}  ${f.resource.id}  — ${s.reason} (${from})`);
      // Not truncated: the reason is the point of the line, and a terminal wraps it.
      line(c.dim(`  ${text}`));
    }
  }

  const errors = errorLines(a, ctx);
  if (errors.length > 0) {
    line();
    line(c.bold(c.red(`Errors (${errors.length})`)));
    for (const e of errors) line(`  ${truncate(e, cols - 2)}`);
  }

  line();
  const blocking = allOpen.filter((f) => atOrAbove(f.severity, ctx.failOn));
  const caveat = errors.length > 0 ? c.yellow(` (${plural(errors.length, 'error')}: results may be incomplete)`) : '';
  if (blocking.length > 0) {
    line(`${c.bold(c.red('FAIL'))}: ${plural(blocking.length, 'open finding')} at or above ${ctx.failOn}${caveat}`);
  } else {
    const below = allOpen.length > 0 ? ` (${plural(allOpen.length, 'open finding')} below ${ctx.failOn})` : '';
    line(`${c.bold(c.green('PASS'))}${below}${caveat}`);
  }
  return `${out.join('\n')}\n`;
}
