import { type Assessment, sortedFindings } from '../assessment.js';
import { type Finding, PARTS, type Part } from '../finding.js';
import { positiveInt } from './json.js';
import type { Reporter } from './types.js';

/**
 * JUnit XML for CI test tabs (GitLab, Jenkins, Azure DevOps…): one <testsuite> per Steward part, one <testcase> per
 * finding. fail → <failure>, error → <error>, skip and suppressed failures → <skipped>.
 */

/**
 * XML 1.0 allows only tab, LF, CR and U+0020 upwards, minus lone surrogates and U+FFFE/U+FFFF. Anything else
 * becomes a visible `\uXXXX` so a message never makes the report unparseable and nothing is silently lost.
 */
const FORBIDDEN =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function visible(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Text content: `>` is escaped too so `]]>` never appears; CR is a reference because parsers turn a raw one into LF. */
export function xmlText(s: string): string {
  return s
    .replace(FORBIDDEN, visible)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#13;');
}

/** Attribute values also escape quotes and keep tabs and newlines (a parser would fold them into spaces). */
export function xmlAttr(s: string): string {
  return xmlText(s).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');
}

function attrs(pairs: [string, string | number | undefined][]): string {
  return pairs
    .filter((p): p is [string, string | number] => p[1] !== undefined)
    .map(([k, v]) => ` ${k}="${xmlAttr(String(v))}"`)
    .join('');
}

function seconds(ms: number | undefined): string {
  return ((ms !== undefined && Number.isFinite(ms) && ms > 0 ? ms : 0) / 1000).toFixed(3);
}

interface Counts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

function count(findings: readonly Finding[]): Counts {
  const c: Counts = { tests: findings.length, failures: 0, errors: 0, skipped: 0 };
  for (const f of findings) {
    if (f.status === 'fail' && !f.suppression) c.failures++;
    else if (f.status === 'error') c.errors++;
    else if (f.status === 'skip' || f.suppression) c.skipped++;
  }
  return c;
}

function where(f: Finding): string | undefined {
  const file = f.resource.file;
  if (!file) return undefined;
  const line = positiveInt(f.resource.line);
  return line ? `${file}:${line}` : file;
}

/** The body of a failure or error: what a person needs to fix it without opening another report. */
function details(f: Finding): string {
  return [
    f.message,
    '',
    `Rule: ${f.ruleId} (${f.severity})`,
    `Resource: ${f.resource.type} ${f.resource.id}${f.resource.path ? ` (${f.resource.path})` : ''}`,
    ...(where(f) ? [`Location: ${where(f)}`] : []),
    ...(f.controls.length ? [`Controls: ${f.controls.join(', ')}`] : []),
    ...(f.remediation ? [`Remediation: ${f.remediation}`] : []),
    ...(f.docs ? [`Docs: ${f.docs}`] : []),
  ].join('\n');
}

function testcase(f: Finding): string {
  const head = `    <testcase${attrs([
    ['name', `${f.ruleId} ${f.resource.id}`],
    ['classname', `steward.${f.part}.${f.ruleId}`],
    ['file', f.resource.file],
    ['line', positiveInt(f.resource.line)],
    ['time', '0.000'],
  ])}`;
  let child: string | undefined;
  if (f.status === 'fail' && f.suppression) {
    child = `<skipped${attrs([['message', `suppressed (${f.suppression.kind}): ${f.suppression.reason}`]])}/>`;
  } else if (f.status === 'fail') {
    child = `<failure${attrs([
      ['message', f.message],
      ['type', f.severity],
    ])}>${xmlText(details(f))}</failure>`;
  } else if (f.status === 'error') {
    child = `<error${attrs([
      ['message', f.message],
      ['type', 'error'],
    ])}>${xmlText(details(f))}</error>`;
  } else if (f.status === 'skip') {
    child = `<skipped${attrs([['message', f.message]])}/>`;
  }
  return child === undefined ? `${head}/>` : `${head}>\n      ${child}\n    </testcase>`;
}

export const renderJunit: Reporter = (assessment: Assessment) => {
  const findings = sortedFindings(assessment.findings);
  const byPart = new Map<Part, Finding[]>();
  for (const f of findings) byPart.set(f.part, [...(byPart.get(f.part) ?? []), f]);
  const duration = new Map(assessment.parts.map((p) => [p.part, p.durationMs]));
  // Parts in their canonical order; a part outside the list (a newer producer) goes last rather than vanishing.
  const order = [...PARTS, ...[...byPart.keys()].filter((p) => !PARTS.includes(p))];
  const timestamp = Number.isNaN(new Date(assessment.startedAt).getTime())
    ? undefined
    : new Date(assessment.startedAt).toISOString().replace(/\.\d{3}Z$/, '');

  const suites: string[] = [];
  for (const part of order) {
    const list = byPart.get(part);
    if (!list) continue;
    const c = count(list);
    suites.push(
      [
        `  <testsuite${attrs([
          ['name', `steward.${part}`],
          ['tests', c.tests],
          ['failures', c.failures],
          ['errors', c.errors],
          ['skipped', c.skipped],
          ['time', seconds(duration.get(part))],
          ['timestamp', timestamp],
        ])}>`,
        ...list.map(testcase),
        '  </testsuite>',
      ].join('\n'),
    );
  }
  const total = count(findings);
  const totalMs = assessment.parts.reduce((s, p) => s + (Number.isFinite(p.durationMs) ? p.durationMs : 0), 0);
  const root = `<testsuites${attrs([
    ['name', `steward ${assessment.target}`],
    ['tests', total.tests],
    ['failures', total.failures],
    ['errors', total.errors],
    ['skipped', total.skipped],
    ['time', seconds(totalMs)],
  ])}`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    suites.length ? `${root}>` : `${root}/>`,
    ...suites,
    ...(suites.length ? ['</testsuites>'] : []),
    '',
  ].join('\n');
};
