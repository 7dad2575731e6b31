/** The report's stylesheet: light and dark palettes, a phone layout, and a print layout that always uses light. */
export const STYLE = `
:root {
  color-scheme: light dark;
  --sans: -apple-system, BlinkMacSystemFont, "Segoe UI", system-ui, Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif;
  --mono: ui-monospace, "SF Mono", "Cascadia Mono", "DejaVu Sans Mono", Menlo, Consolas, monospace;
  --bg: #f4f5f7; --surface: #ffffff; --text: #18212b; --muted: #5b6573; --border: #dfe3e8; --track: #eceff3;
  --code-bg: #f0f2f5; --accent: #2d5bd1;
  --fail: #d93a30; --fail-text: #b3261e; --pass: #2e9e5b; --pass-text: #1b7a43;
  --supp: #dc9c20; --supp-text: #8a5600; --none: #c3cad3;
  --shadow: 0 1px 2px rgba(16, 24, 40, .06), 0 1px 3px rgba(16, 24, 40, .05);
}
@media screen and (prefers-color-scheme: dark) {
  :root {
    --bg: #0e1318; --surface: #161c23; --text: #e3e8ee; --muted: #9aa5b2; --border: #2a333d; --track: #222a33;
    --code-bg: #1f2730; --accent: #8aabff;
    --fail: #ef5b4f; --fail-text: #ff8f85; --pass: #3bb273; --pass-text: #6fd39b;
    --supp: #e0a43a; --supp-text: #f2c46a; --none: #4a5562;
    --shadow: none;
  }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--text); font: 14px/1.5 var(--sans); }
code, pre, .mono { font-family: var(--mono); font-size: .9em; }
h1, h2, h3 { margin: 0; line-height: 1.25; letter-spacing: -.01em; }
h2 { font-size: 18px; font-weight: 650; }
h3 { font-size: 15px; font-weight: 650; }
p { margin: 0; }
.muted, .sub { color: var(--muted); }
.wrap { max-width: 1240px; margin: 0 auto; padding: 0 24px; }
main.wrap { display: grid; gap: 20px; padding-top: 24px; padding-bottom: 40px; }

/* Masthead */
.masthead { background: var(--surface); border-bottom: 1px solid var(--border); border-top: 4px solid var(--accent); padding: 22px 0 20px; }
.eyebrow { color: var(--muted); font-size: 12px; font-weight: 600; letter-spacing: .08em; text-transform: uppercase; }
.title-row { display: flex; flex-wrap: wrap; gap: 16px 32px; align-items: flex-start; justify-content: space-between; margin-top: 6px; }
h1 { font-size: 30px; font-weight: 700; overflow-wrap: anywhere; }
.desc { color: var(--muted); margin-top: 4px; font-size: 15px; }
.verdict { display: grid; grid-template-columns: auto 1fr; column-gap: 14px; align-items: center; border-radius: 10px; padding: 12px 18px; color: #fff; min-width: 280px; max-width: 100%; }
.verdict-fail { background: #b3261e; }
.verdict-pass { background: #1b7a43; }
.verdict-word { grid-row: span 2; font-size: 28px; font-weight: 800; letter-spacing: .04em; }
.verdict-why { font-weight: 600; }
.verdict-gate { font-size: 12px; opacity: .9; }
.facts { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 210px), 1fr)); gap: 14px 28px; margin: 20px 0 0; }
.facts div { min-width: 0; }
.facts dt { color: var(--muted); font-size: 11.5px; font-weight: 600; letter-spacing: .06em; text-transform: uppercase; }
.facts dd { margin: 2px 0 0; font-weight: 550; overflow-wrap: anywhere; }
.facts dd small { display: block; color: var(--muted); font-weight: 400; font-size: 12.5px; margin-top: 1px; }
.facts code { background: var(--code-bg); padding: 1px 5px; border-radius: 4px; }
.t-fail-strong { color: var(--fail-text); }

/* Cards */
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 230px), 1fr)); gap: 16px; }
.card, .panel { background: var(--surface); border: 1px solid var(--border); border-radius: 12px; box-shadow: var(--shadow); }
.card { padding: 16px 18px 14px; display: flex; flex-direction: column; gap: 8px; min-width: 0; }
.card .q { color: var(--muted); font-size: 12.5px; min-height: 2.6em; }
.stats { display: flex; gap: 18px; margin-top: 2px; }
.stat { display: flex; flex-direction: column; }
.stat .num { font-size: 26px; font-weight: 700; line-height: 1.1; font-variant-numeric: tabular-nums; }
.stat .lab { color: var(--muted); font-size: 12px; }
.stat-fail .num { color: var(--fail-text); }
.stat-pass .num { color: var(--pass-text); }
.stat-supp .num { color: var(--supp-text); }
.stat.zero .num { color: var(--muted); }
svg.mini { display: block; margin-top: auto; border-radius: 3px; background: var(--track); }
.sev-list { list-style: none; margin: 0; padding: 0; display: grid; gap: 4px; }
.sev-list li { display: flex; justify-content: space-between; align-items: center; }
.sev-list .num { font-weight: 700; font-variant-numeric: tabular-nums; }
.sev-list li.zero .num { color: var(--muted); font-weight: 500; }

/* Badges and chips */
.badge { display: inline-block; min-width: 64px; text-align: center; padding: 2px 8px; border-radius: 999px; color: #fff; font-size: 11.5px; font-weight: 650; letter-spacing: .03em; text-transform: uppercase; }
.sev-critical { background: #8b1a1a; }
.sev-high { background: #c0392b; }
.sev-medium { background: #9a5b00; }
.sev-low { background: #2d5bd1; }
.sev-info { background: #5b6573; }
.chip { display: inline-block; font-family: var(--mono); font-size: 11.5px; background: var(--code-bg); border: 1px solid var(--border); border-radius: 5px; padding: 1px 6px; margin: 1px 0; white-space: nowrap; }
.chip-unknown { border-style: dashed; color: var(--fail-text); }
.status { display: block; font-size: 12px; font-weight: 600; margin-top: 4px; }
.status-fail { color: var(--fail-text); }
.status-pass, .part-ok { color: var(--pass-text); }
.part-ok, .part-error, .part-skipped { font-weight: 600; }
.status-skip, .part-skipped { color: var(--muted); }
.part-error { color: var(--fail-text); }

/* Charts */
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 500px), 1fr)); gap: 20px; align-items: start; }
.charts .wide { grid-column: 1 / -1; }
.panel { padding: 18px 20px 20px; min-width: 0; }
figure.panel { margin: 0; }
figcaption p, .section-head p { color: var(--muted); font-size: 12.5px; margin-top: 2px; }
.section-head { display: flex; flex-wrap: wrap; align-items: baseline; gap: 4px 12px; margin-bottom: 12px; }
.legend { display: flex; flex-wrap: wrap; gap: 4px 16px; margin: 12px 0 8px; font-size: 12px; color: var(--muted); }
.key { display: inline-flex; align-items: center; gap: 6px; }
.swatch { width: 10px; height: 10px; border-radius: 3px; display: inline-block; }
.sw-fail { background: var(--fail); } .sw-pass { background: var(--pass); } .sw-supp { background: var(--supp); } .sw-none { background: var(--none); }
svg.chart { display: block; overflow: visible; }
.chart text { font-family: var(--sans); font-size: 13px; fill: var(--text); }
.chart .val { font-size: 12.5px; font-variant-numeric: tabular-nums; }
.chart .short { display: none; }
.chart .idx { fill: var(--muted); font-weight: 600; font-variant-numeric: tabular-nums; }
.chart .code { font-family: var(--mono); font-size: 12px; font-weight: 600; }
.chart .tag { fill: var(--accent); font-size: 12px; font-weight: 600; }
.track { fill: var(--track); }
.track.empty { fill: none; stroke: var(--border); stroke-dasharray: 3 3; }
.seg-fail { fill: var(--fail); } .seg-pass { fill: var(--pass); } .seg-supp { fill: var(--supp); } .seg-none { fill: var(--none); }
.t-fail { fill: var(--fail-text); font-weight: 600; } .t-pass { fill: var(--pass-text); font-weight: 600; }
.t-supp { fill: var(--supp-text); font-weight: 600; } .t-zero, .t-none { fill: var(--muted); }
.bar-row:hover .track { fill: var(--border); }
.chart-note { margin-top: 10px; font-size: 12.5px; color: var(--muted); }
.empty { color: var(--muted); }

/* Tables */
.table-wrap { overflow-x: auto; }
table { width: 100%; border-collapse: collapse; }
th { text-align: left; font-size: 11.5px; font-weight: 650; letter-spacing: .05em; text-transform: uppercase; color: var(--muted); padding: 8px 12px; border-bottom: 1px solid var(--border); white-space: nowrap; }
td { padding: 11px 12px; border-bottom: 1px solid var(--border); vertical-align: top; }
tbody tr:last-child td { border-bottom: 0; }
.r { text-align: right; }
.num-cell { font-variant-numeric: tabular-nums; white-space: nowrap; }
td code { overflow-wrap: anywhere; }
.sub { display: block; font-size: 12.5px; margin-top: 2px; }
code.rule { font-weight: 600; }
code.loc { color: var(--muted); }
/* Fixed layout: long ARNs and paths wrap inside their column instead of widening the table. */
table.findings { table-layout: fixed; }
table.findings td { overflow-wrap: anywhere; }
.c-sev { width: 118px; } .c-rule { width: 18%; } .c-res { width: 15%; } .c-loc { width: 13%; } .c-ctl { width: 15%; }
table.findings .chip { white-space: normal; overflow-wrap: anywhere; }
tr.row-pass td, tr.row-skip td { color: var(--muted); }
tr.row-pass .badge, tr.row-skip .badge { background: transparent; color: var(--muted); box-shadow: inset 0 0 0 1px var(--border); }
tr.finding:hover td { background: color-mix(in srgb, var(--accent) 5%, transparent); }
details { margin-top: 6px; }
summary { cursor: pointer; color: var(--accent); font-size: 12.5px; font-weight: 600; }
details p { margin-top: 6px; }
.url { font-family: var(--mono); font-size: 12px; overflow-wrap: anywhere; }
pre.evidence { background: var(--code-bg); border-radius: 6px; padding: 8px 10px; margin: 6px 0 0; font-size: 12px; white-space: pre-wrap; overflow-wrap: anywhere; }
.filters { display: flex; flex-wrap: wrap; align-items: end; gap: 10px 16px; margin-bottom: 10px; font-size: 12.5px; color: var(--muted); }
.filters label { display: flex; flex-direction: column; gap: 3px; font-weight: 600; }
.filters input, .filters select { font: inherit; font-weight: 400; color: var(--text); background: var(--surface); border: 1px solid var(--border); border-radius: 7px; padding: 6px 9px; min-width: 150px; }
.filters input { min-width: 240px; }
.filters input:focus, .filters select:focus { outline: 2px solid var(--accent); outline-offset: 1px; }
#f-count { margin-left: auto; padding-bottom: 6px; }
.empty-row td { color: var(--muted); text-align: center; padding: 24px; }

/* Lists */
.plain-list { list-style: none; margin: 0; padding: 0; }
.plain-list li { padding: 10px 0; border-bottom: 1px solid var(--border); }
.plain-list li:last-child { border-bottom: 0; padding-bottom: 0; }
.plain-list li:first-child { padding-top: 0; }
.reason { margin-top: 6px; font-weight: 550; }
.suppressed .line1 .badge { opacity: .8; }
.err-msg { font-family: var(--mono); font-size: 12.5px; margin-top: 4px; color: var(--fail-text); overflow-wrap: anywhere; }
.warn { color: var(--supp-text); font-weight: 600; margin-bottom: 10px; }
.lower { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 380px), 1fr)); gap: 20px; }
footer { color: var(--muted); font-size: 12px; padding: 0 24px 32px; text-align: center; }

/* Phones: stack table rows into cards and use the short chart figures. */
@media (max-width: 760px) {
  .wrap { padding: 0 14px; }
  h1 { font-size: 24px; }
  .panel { padding: 14px; }
  .verdict { min-width: 0; width: 100%; }
  .chart .long { display: none; }
  .chart .short { display: inline; }
  table.findings thead, table.parts thead { display: none; }
  table.findings tr, table.parts tr { display: block; border-bottom: 1px solid var(--border); padding: 8px 0; }
  table.findings td, table.parts td { display: grid; grid-template-columns: 88px 1fr; gap: 8px; border: 0; padding: 4px 0; min-width: 0; }
  table.findings td::before, table.parts td::before { content: attr(data-label); color: var(--muted); font-size: 11.5px; font-weight: 600; text-transform: uppercase; letter-spacing: .04em; padding-top: 2px; }
  table.findings td > div, table.parts td > div { min-width: 0; }
  table.findings .status { display: inline; margin: 0 0 0 8px; }
  table.findings tr:last-child, table.parts tr:last-child { border-bottom: 0; }
  table.findings { table-layout: auto; }
  table.findings td.msg { display: block; }
  table.findings td.msg::before { display: block; margin-bottom: 2px; }
  .r { text-align: left; }
  .filters input { min-width: 0; width: 100%; }
  .filters label { flex: 1 1 100%; }
  #f-count { margin-left: 0; }
}

@media print {
  :root { color-scheme: light; }
  body { background: #fff; font-size: 12px; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .card, .panel { box-shadow: none; break-inside: avoid; }
  #findings { break-inside: auto; }
  tr { break-inside: avoid; }
  .filters { display: none !important; }
  tr.finding[hidden] { display: table-row; }
  summary { color: var(--text); }
  main.wrap { padding-top: 12px; gap: 12px; }
}
`;
