// Render the benchmark's numbers and the coverage diff as a terminal table and as Markdown.

import { decisionCell } from './coverage.mjs';

export const secs = (s) =>
  s === undefined || Number.isNaN(s) ? '—' : s >= 100 ? s.toFixed(0) : s >= 1 ? s.toFixed(2) : s.toPrecision(3);
export const mem = (kb) =>
  kb === undefined ? '—' : kb >= 1048576 ? `${(kb / 1048576).toFixed(2)} GB` : `${Math.round(kb / 1024)} MB`;
export const ratio = (r) =>
  r === undefined || !Number.isFinite(r) ? '—' : `${r >= 10 ? r.toFixed(0) : r.toFixed(1)}×`;
const int = (n) => (n === undefined ? '—' : n.toLocaleString('en-US'));

/** A fixed-width table for the terminal. */
export function textTable(headers, rows) {
  const cells = [headers, ...rows].map((r) => r.map((c) => String(c)));
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  const line = (r) =>
    r
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

/** A Markdown table with padded columns (the layout Biome's Markdown formatter keeps). */
export function mdTable(headers, rows) {
  const cells = [headers, ...rows].map((r) => r.map((c) => String(c).replaceAll('|', '\\|')));
  const len = (c) => [...c].length;
  const widths = headers.map((_, i) => Math.max(3, ...cells.map((r) => len(r[i]))));
  const line = (r) => `| ${r.map((c, i) => c + ' '.repeat(widths[i] - len(c))).join(' | ')} |`;
  return [line(cells[0]), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...cells.slice(1).map(line)].join(
    '\n',
  );
}

export const TIMING_HEADERS = [
  'tool',
  'corpus',
  'templates',
  'seconds total',
  'seconds/template',
  'ratio (cdk-nag ÷ Steward)',
  'peak memory',
];

/** Table rows from the measured runs (see run.mjs for their shape). */
export function timingRows(rows) {
  return rows.map((r) => [
    r.tool,
    r.corpus,
    r.templatesLabel ?? int(r.templates),
    secs(r.totalS),
    secs(r.perTemplateS),
    ratio(r.ratio),
    r.memLabel ?? mem(r.maxRssKb),
  ]);
}

export function coverageMarkdown(cov, title) {
  const out = [`## ${title}`, ''];
  out.push(
    `${cov.templates} template(s) analysed by cdk-nag${cov.skipped ? ` (${cov.skipped} rejected by CfnInclude/synth, not counted)` : ''}; ` +
      `${cov.rows.length} cdk-nag rule(s) reported findings, ${cov.missing.length} of them with no Steward rule listing them in \`equivalents.cdkNag\`.`,
    '',
    '### cdk-nag rules with findings',
    '',
    mdTable(
      [
        'cdk-nag rule',
        'resources',
        'resource types',
        'Steward equivalent (declared)',
        'Steward flags the same resources',
      ],
      cov.rows.map((r) => [
        r.rule,
        r.resources,
        r.types.join(', '),
        r.equivalents.join(', ') || '—',
        r.equivalents.length
          ? `${r.stewardAlsoFlags}/${r.resources}`
          : r.undeclared
            ? `not declared: ${undeclared(r)}`
            : '—',
      ]),
    ),
    '',
    '### cdk-nag rules with findings and no declared Steward equivalent',
    '',
    'One row per cdk-nag rule. "Candidate" is a Steward rule that fails on (nearly) the same resources (Jaccard ≥ 0.8)',
    'without listing the cdk-nag id: likely an undeclared equivalent, but check, on a small sample it can be chance.',
    'When cdk-nag flags every resource of its type in the sample, no candidate is named: any rule would match.',
    'The decision (covered-by, added, out-of-scope or missing) comes from `bench/posture/coverage-decisions.yaml`.',
    '',
    mdTable(
      ['cdk-nag rule', 'resources', 'resource types', 'candidate Steward rule', 'decision'],
      cov.missing.map((r) => [r.rule, r.resources, r.types.join(', '), candidate(r), decisionCell(r)]),
    ),
    '',
  );
  if (cov.undecided.length)
    out.push(
      '### cdk-nag rules with findings and no decision',
      '',
      'Add each to `bench/posture/coverage-decisions.yaml`.',
      '',
      mdTable(
        ['cdk-nag rule', 'resources', 'resource types'],
        cov.undecided.map((r) => [r.rule, r.resources, r.types.join(', ')]),
      ),
      '',
    );
  if (cov.decisionProblems.length)
    out.push('### Decisions that no longer match the rules', '', ...cov.decisionProblems.map((p) => `- ${p}`), '');
  if (cov.ruleErrors.length)
    out.push(
      '### cdk-nag rules that threw (counted as errors, not findings)',
      '',
      mdTable(
        ['cdk-nag rule', 'resources'],
        cov.ruleErrors.map((r) => [r.rule, r.resources]),
      ),
      '',
    );
  if (cov.stewardOnly.length)
    out.push(
      '### Steward rules with failures where no declared cdk-nag equivalent fired',
      '',
      mdTable(
        ['Steward rule', 'resources failed', 'declared cdk-nag equivalents'],
        cov.stewardOnly.map((r) => [r.rule, r.resources, r.cdkNag.join(', ') || '—']),
      ),
      '',
    );
  return out.join('\n');
}

const candidate = (r) =>
  r.undeclared ? undeclared(r) : r.everyResource ? '(flags every resource of its type here: cannot tell)' : '—';
const undeclared = (r) =>
  `${r.undeclared.rule}? (fails on ${r.undeclared.both} of these ${r.resources}; ${r.undeclared.stewardTotal} failures in all)`;

/** Short terminal summary of the coverage diff: the rules the lead must decide on. */
export function coverageText(cov, title) {
  const lines = [
    `${title}: ${cov.rows.length} cdk-nag rules with findings on ${cov.templates} templates; ${cov.missing.length} have no declared Steward equivalent, ${cov.undecided.length} of them no decision either:`,
  ];
  lines.push(
    textTable(
      ['cdk-nag rule', 'resources', 'resource types', 'candidate Steward rule (same resources, not declared)'],
      cov.missing.map((r) => [r.rule, r.resources, r.types.join(', '), candidate(r)]),
    ),
  );
  return lines.join('\n');
}

export function declaredMarkdown(check, nagVersion) {
  const rows = (items) => items.map((x) => [x.id, x.stewardRules.join(', ')]);
  return [
    `## Steward's declared cdk-nag equivalents, checked against cdk-nag ${nagVersion}'s RULES.md`,
    '',
    check.unknown.length
      ? mdTable(['declared id not found in cdk-nag', 'Steward rule(s)'], rows(check.unknown))
      : 'Every declared id exists in cdk-nag.',
    '',
    ...(check.otherPack.length
      ? [
          'Ids from packs this bench does not run (they exist but cannot fire here):',
          '',
          mdTable(['declared id', 'Steward rule(s)'], rows(check.otherPack)),
          '',
        ]
      : []),
  ].join('\n');
}
