/**
 * Inline SVG charts. Bars are laid out in percentages of the SVG's width and text keeps its pixel size, so a chart
 * reflows from a desktop card to a phone without shrinking its labels (a viewBox would scale the text down too).
 */
import type { Catalog } from '../../../catalog/catalog.js';
import { LAYER_TITLES, LAYERS } from '../../../catalog/schema.js';
import type { Rollup, Tally } from '../../assessment.js';
import { esc, plural } from './escape.js';

export type SegmentKind = 'fail' | 'pass' | 'supp' | 'none';

export interface Segment {
  kind: SegmentKind;
  value: number;
}

export interface BarRow {
  key: string;
  /** Already-escaped SVG text content (may hold tspans). */
  label: string;
  segments: Segment[];
  /** Full-length denominator: the bar's filled part is sum(segments) / scale of the width. */
  scale: number;
  /** Right-hand figures on wide screens and on narrow ones (escaped SVG content). */
  long: string;
  short: string;
  /** Tooltip and accessible name of the row (plain text). */
  title: string;
}

export interface ChartSpec {
  id: string;
  heading: string;
  caption: string;
  legend: { kind: SegmentKind; label: string }[];
  rows: BarRow[];
  /** Optional note under the chart (escaped HTML). */
  note?: string;
}

const ROW_H = 44;
const BAR_Y = 23;
const BAR_H = 12;

const pct = (n: number) => `${Number(n.toFixed(3))}%`;

function row(chartId: string, r: BarRow, i: number): string {
  const y = i * ROW_H;
  const total = r.segments.reduce((s, seg) => s + seg.value, 0);
  const clip = `${chartId}-clip-${i}`;
  const filled = r.scale > 0 ? (total / r.scale) * 100 : 0;
  let x = 0;
  const segs = r.segments
    .filter((s) => s.value > 0)
    .map((s) => {
      const w = (s.value / r.scale) * 100;
      const rect = `<rect class="seg seg-${s.kind}" x="${pct(x)}" y="${y + BAR_Y}" width="${pct(w)}" height="${BAR_H}"/>`;
      x += w;
      return rect;
    })
    .join('');
  return [
    `<g class="bar-row" data-key="${esc(r.key)}" role="listitem" aria-label="${esc(r.title)}">`,
    `<title>${esc(r.title)}</title>`,
    `<text class="lbl" x="0" y="${y + 15}">${r.label}</text>`,
    `<text class="val long" x="100%" y="${y + 15}" text-anchor="end">${r.long}</text>`,
    `<text class="val short" x="100%" y="${y + 15}" text-anchor="end">${r.short}</text>`,
    `<rect class="track${total === 0 ? ' empty' : ''}" x="0.5" y="${y + BAR_Y}" width="99.8%" height="${BAR_H}" rx="6"/>`,
    total > 0
      ? `<clipPath id="${clip}"><rect x="0" y="${y + BAR_Y}" width="${pct(filled)}" height="${BAR_H}" rx="6"/></clipPath><g clip-path="url(#${clip})">${segs}</g>`
      : '',
    '</g>',
  ].join('');
}

export function barChart(spec: ChartSpec): string {
  const legend = spec.legend
    .map((l) => `<span class="key"><span class="swatch sw-${l.kind}" aria-hidden="true"></span>${esc(l.label)}</span>`)
    .join('');
  const height = spec.rows.length * ROW_H;
  return [
    `<figure class="panel chart-panel" id="${spec.id}">`,
    `<figcaption><h3>${esc(spec.heading)}</h3><p>${esc(spec.caption)}</p></figcaption>`,
    `<div class="legend">${legend}</div>`,
    spec.rows.length === 0
      ? '<p class="empty">Nothing to chart.</p>'
      : `<svg class="chart" width="100%" height="${height}" role="list" aria-label="${esc(spec.heading)}">${spec.rows.map((r, i) => row(spec.id, r, i)).join('')}</svg>`,
    spec.note ? `<p class="chart-note">${spec.note}</p>` : '',
    '</figure>',
  ].join('');
}

const STATUS_LEGEND: ChartSpec['legend'] = [
  { kind: 'fail', label: 'Failed' },
  { kind: 'pass', label: 'Passed' },
  { kind: 'supp', label: 'Suppressed' },
];

function tallySegments(t: Tally): Segment[] {
  return [
    { kind: 'fail', value: t.failed },
    { kind: 'pass', value: t.passed },
    { kind: 'supp', value: t.suppressed },
  ];
}

function evidence(t: Tally): number {
  return t.failed + t.passed + t.suppressed;
}

/** Figures for a tally: long form names each count, short form is `fail / pass / suppressed`. */
function tallyFigures(t: Tally, empty: string): { long: string; short: string; text: string } {
  if (evidence(t) === 0) {
    const skipped = t.skipped > 0 ? ` (${t.skipped} skipped)` : '';
    const text = `${empty}${skipped}`;
    return {
      long: `<tspan class="t-none">${esc(text)}</tspan>`,
      short: `<tspan class="t-none">${esc(empty)}</tspan>`,
      text,
    };
  }
  const parts: [string, number, string][] = [
    ['t-fail', t.failed, 'failed'],
    ['t-pass', t.passed, 'passed'],
    ['t-supp', t.suppressed, 'suppressed'],
  ];
  const long = parts
    .map(([cls, n, word]) => `<tspan class="${n > 0 ? cls : 't-zero'}">${n} ${word}</tspan>`)
    .join('<tspan class="t-zero"> · </tspan>');
  const short = parts
    .map(([cls, n]) => `<tspan class="${n > 0 ? cls : 't-zero'}">${n}</tspan>`)
    .join('<tspan class="t-zero"> / </tspan>');
  return { long, short, text: parts.map(([, n, word]) => `${n} ${word}`).join(', ') };
}

/** Chart 1: every defense-in-depth layer, innermost first, even those with no findings. */
export function layerChart(r: Rollup): string {
  const scale = Math.max(1, ...LAYERS.map((l) => evidence(r.byLayer[l])));
  const rows = LAYERS.map((layer, i): BarRow => {
    const t = r.byLayer[layer];
    const title = LAYER_TITLES[layer];
    const fig = tallyFigures(t, 'no findings');
    return {
      key: layer,
      label: `<tspan class="idx">${i + 1}</tspan> ${esc(title)}`,
      segments: tallySegments(t),
      scale,
      long: fig.long,
      short: fig.short,
      title: `Layer ${i + 1}, ${title}: ${fig.text}`,
    };
  });
  return barChart({
    id: 'chart-layers',
    heading: 'Defense in depth',
    caption: 'Findings per layer, innermost (data) to outermost (policies). Bars are relative to the busiest layer.',
    legend: STATUS_LEGEND,
    rows,
  });
}

export const OWASP_IDS = ['LLM01', 'LLM02', 'LLM03', 'LLM04', 'LLM05', 'LLM06', 'LLM07', 'LLM08', 'LLM09', 'LLM10'];

/** Chart 2: OWASP Top 10 for LLM Applications 2025, one row per risk, "no evidence" when nothing maps. */
export function owaspChart(r: Rollup, catalog: Catalog): string {
  const tallies = OWASP_IDS.map((id) => r.byOwasp[id]);
  const scale = Math.max(1, ...tallies.map((t) => (t ? evidence(t) : 0)));
  const rows = OWASP_IDS.map((id, i): BarRow => {
    const t = tallies[i] ?? { passed: 0, failed: 0, suppressed: 0, skipped: 0, errors: 0 };
    const title = catalog.requirement('owasp-llm-2025', id)?.title ?? 'not in catalog';
    const controls = catalog.controlsFor('owasp-llm-2025', id).length;
    const fig = tallyFigures(t, 'no evidence');
    return {
      key: id,
      label: `<tspan class="code">${id}</tspan> ${esc(title)}`,
      segments: tallySegments(t),
      scale,
      long: fig.long,
      short: fig.short,
      title: `${id} ${title}: ${fig.text}; ${plural(controls, 'catalog control')} map here`,
    };
  });
  const covered = tallies.filter((t) => t && evidence(t) > 0).length;
  return barChart({
    id: 'chart-owasp',
    heading: 'OWASP Top 10 for LLM Applications 2025',
    caption: `${covered} of 10 risks have evidence from this run.`,
    legend: STATUS_LEGEND,
    rows,
  });
}

/** Chart 3: per framework, the share of its requirements that are passing, failing or without evidence. */
export function frameworkChart(r: Rollup, required: readonly string[]): string {
  const entries = Object.entries(r.byFramework);
  const rows = entries.map(([id, fw]): BarRow => {
    const n = fw.requirements.length;
    const count = (s: string) => fw.requirements.filter((q) => q.state === s).length;
    const [fail, pass, none] = [count('failing'), count('passing'), count('no-evidence')];
    const share = n > 0 ? Math.round((pass / n) * 100) : 0;
    const req = required.includes(id);
    return {
      key: id,
      label: `${esc(fw.title)}${req ? ' <tspan class="tag">· required</tspan>' : ''}`,
      segments: [
        { kind: 'fail', value: fail },
        { kind: 'pass', value: pass },
        { kind: 'none', value: none },
      ],
      scale: Math.max(1, n),
      long: [
        `<tspan class="${fail ? 't-fail' : 't-zero'}">${fail} failing</tspan>`,
        `<tspan class="${pass ? 't-pass' : 't-zero'}">${pass} passing</tspan>`,
        `<tspan class="t-none">${none} no evidence</tspan>`,
      ].join('<tspan class="t-zero"> · </tspan>'),
      short: `<tspan class="${pass ? 't-pass' : 't-none'}">${share}% passing</tspan>`,
      title: `${fw.title}: ${plural(n, 'requirement')}, ${fail} failing, ${pass} passing, ${none} without evidence`,
    };
  });
  const missing = required.filter((f) => !(f in r.byFramework));
  return barChart({
    id: 'chart-frameworks',
    heading: 'Framework coverage',
    caption: 'Share of each framework’s requirements with passing evidence, failing evidence, or none yet.',
    legend: [
      { kind: 'fail', label: 'Failing' },
      { kind: 'pass', label: 'Passing' },
      { kind: 'none', label: 'No evidence' },
    ],
    rows,
    ...(missing.length > 0 && {
      note: `Required by this workload but not in the catalog: ${missing.map((m) => `<code>${esc(m)}</code>`).join(', ')}.`,
    }),
  });
}
