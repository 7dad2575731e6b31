/**
 * HTML reporter: one self-contained file (inline CSS, inline SVG charts, a small optional script) for people.
 * It loads nothing from anywhere, and its Content-Security-Policy allows only its own style and script by hash, so
 * markup smuggled into a rule message could neither run nor fetch even if escaping ever missed it.
 */
import { createHash } from 'node:crypto';
import type { Assessment } from '../assessment.js';
import { frameworkChart, layerChart, owaspChart } from './html/charts.js';
import { esc } from './html/escape.js';
import { FILTER_SCRIPT } from './html/script.js';
import {
  errorsList,
  findingsTable,
  header,
  partsTable,
  summaryCards,
  suppressedList,
  verdict,
} from './html/sections.js';
import { STYLE } from './html/style.js';
import type { ReportContext } from './types.js';

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

const CSP = [
  "default-src 'none'",
  `style-src ${sha256(STYLE)}`,
  `script-src ${sha256(FILTER_SCRIPT)}`,
  "img-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

export function renderHtml(a: Assessment, ctx: ReportContext): string {
  const v = verdict(a, ctx);
  const generated = ctx.now ? ctx.now.toISOString() : a.finishedAt;
  const catalogSize = `${ctx.catalog.controls.length} controls, ${ctx.catalog.frameworks.length} frameworks`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="generator" content="steward ${esc(a.tool.version)}">
<title>${v.pass ? 'PASS' : 'FAIL'} · ${esc(a.profile.name)} · Steward report</title>
<style>${STYLE}</style>
</head>
<body>
${header(a, ctx, v)}
<main class="wrap">
${summaryCards(a, ctx)}
<section class="charts" aria-label="Charts">
${layerChart(ctx.rollup)}
${owaspChart(ctx.rollup, ctx.catalog)}
<div class="wide">${frameworkChart(ctx.rollup, a.profile.frameworks)}</div>
</section>
${findingsTable(a, ctx)}
<div class="lower">
${suppressedList(a)}
${errorsList(a, ctx)}
</div>
${partsTable(a)}
</main>
<footer>Steward ${esc(a.tool.version)} · assessment schema ${esc(a.schemaVersion)} · catalog of ${esc(catalogSize)} · generated ${esc(generated)}</footer>
<script>${FILTER_SCRIPT}</script>
</body>
</html>
`;
}
