import type { Catalog } from '../../catalog/catalog.js';
import type { FrameworkId } from '../../catalog/schema.js';
import { PROJECT_URL } from '../../util/project.js';
import { type Assessment, sortedFindings } from '../assessment.js';
import type { Finding, Severity } from '../finding.js';
import { fingerprint } from '../fingerprint.js';
import { positiveInt } from './json.js';
import type { Reporter } from './types.js';

/** SARIF 2.1.0 for GitHub code scanning and any other SARIF viewer. */

export const SARIF_SCHEMA_URI =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
export const STEWARD_INFORMATION_URI = PROJECT_URL;
export const FINGERPRINT_KEY = 'stewardFingerprint/v1';
export const SRCROOT = '%SRCROOT%';

/** GitHub ranks security alerts by this score: > 9 critical, ≥ 7 high, ≥ 4 medium, > 0 low. */
export const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '0.0',
};

const MAX_TAGS = 10;

type Level = 'error' | 'warning' | 'note';
const LEVEL: Record<Severity, Level> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

// Loose structural types: enough to keep the builder honest without restating the whole SARIF schema.
type Json = Record<string, unknown>;

/** `s3-bucket-kms-encryption` → `S3BucketKmsEncryption`: SARIF wants a readable identifier as the rule name. */
function ruleName(ruleId: string): string {
  const name = ruleId
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
  return name || 'Rule';
}

function nonEmpty(s: string | undefined, fallback: string): string {
  return s !== undefined && s.trim() !== '' ? s : fallback;
}

/** Keep markdown help from turning rule text into HTML. */
function mdEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Percent-encode each path segment so spaces, `#`, `%` and non-ASCII still give a valid URI reference. */
function encodePath(p: string): string {
  return p
    .split('/')
    .map((seg) => encodeURIComponent(seg))
    .join('/');
}

function isAbsolutePath(p: string): boolean {
  return p.startsWith('/') || /^[A-Za-z]:\//.test(p);
}

function cleanPath(p: string): string {
  let s = p.replace(/\\/g, '/').replace(/\/{2,}/g, '/');
  while (s.startsWith('./')) s = s.slice(2);
  return s === '.' ? '' : s.replace(/\/\.(?=\/|$)/g, '').replace(/\/$/, '');
}

/**
 * Where %SRCROOT% points and how artifact paths are written. GitHub resolves relative URIs against the repository
 * root and ignores uriBaseId, so with a relative target (the CI case: `steward assess examples/bot` from the checkout)
 * %SRCROOT% is the directory Steward ran in and URIs carry the target prefix. With an absolute target, %SRCROOT% is
 * the target itself and gets an absolute file URI.
 */
export interface SrcRoot {
  /** Prepended to relative file paths. */
  prefix: string;
  /** The absolute target, used to relativise absolute file paths. */
  absolute?: string;
  base: Json;
}

export function srcRoot(target: string): SrcRoot {
  const t = cleanPath(target);
  if (isAbsolutePath(t)) {
    const uri = `file://${t.startsWith('/') ? '' : '/'}${encodePath(t)}/`;
    return { prefix: '', absolute: t, base: { uri, description: { text: 'The assessed workload folder.' } } };
  }
  return {
    prefix: t === '' ? '' : `${t}/`,
    base: { description: { text: `The directory Steward ran in; the assessed folder is "${target}".` } },
  };
}

/** A finding's file as a URI reference relative to %SRCROOT%, forward slashes, percent-encoded. */
export function artifactUri(root: SrcRoot, file: string): string | undefined {
  let f = cleanPath(file);
  if (f === '') return undefined;
  if (isAbsolutePath(f)) {
    // Relativise against an absolute target; anything else keeps its path, minus the leading slash.
    f = root.absolute && f.startsWith(`${root.absolute}/`) ? f.slice(root.absolute.length + 1) : f.replace(/^\/+/, '');
    return encodePath(f);
  }
  return encodePath(`${root.prefix}${f}`);
}

function physicalLocation(f: Finding, root: SrcRoot): Json | undefined {
  const uri = f.resource.file === undefined ? undefined : artifactUri(root, f.resource.file);
  if (uri === undefined) return undefined;
  const startLine = positiveInt(f.resource.line);
  const startColumn = positiveInt(f.resource.column);
  const region = startLine === undefined ? undefined : { startLine, ...(startColumn ? { startColumn } : {}) };
  return { artifactLocation: { uri, uriBaseId: SRCROOT }, ...(region ? { region } : {}) };
}

function logicalLocation(f: Finding): Json {
  const name = nonEmpty(f.resource.id, '(unnamed)');
  return {
    name,
    fullyQualifiedName: [f.resource.type, name, f.resource.path].filter((s) => s !== undefined && s !== '').join('/'),
    kind: 'resource',
  };
}

/**
 * GitHub rejects a whole SARIF file when any location lacks a physical artifact, so a finding without a file gets no
 * location at all (a repository-level alert); its resource still shows in the message and `properties`.
 */
function locations(f: Finding, root: SrcRoot): Json[] | undefined {
  const phys = physicalLocation(f, root);
  return phys ? [{ physicalLocation: phys, logicalLocations: [logicalLocation(f)] }] : undefined;
}

function frameworkTitle(catalog: Catalog, id: string): string {
  return catalog.framework(id)?.title ?? id;
}

function buildRule(f: Finding, catalog: Catalog): Json {
  const controls = f.controls.map((id) => ({ id, control: catalog.control(id) }));
  const tags = new Set<string>();
  for (const { id, control } of controls) {
    tags.add(id);
    if (!control) continue;
    tags.add(`layer:${control.layer}`);
    tags.add(`view:${control.view}`);
    for (const req of control.mappings['owasp-llm-2025'] ?? []) tags.add(`owasp-llm:${req}`);
  }
  const title = nonEmpty(f.title, f.ruleId);
  const controlLines = controls.map(({ id, control }) => {
    if (!control) return { text: id, md: `\`${mdEscape(id)}\`` };
    const reqs = (Object.entries(control.mappings) as [FrameworkId, string[]][])
      .map(([fw, ids]) => `${frameworkTitle(catalog, fw)} ${ids.join(', ')}`)
      .join('; ');
    return {
      text: `${id}: ${control.title}${reqs ? ` (${reqs})` : ''}`,
      md: `\`${mdEscape(id)}\` ${mdEscape(control.title)}${reqs ? ` — ${mdEscape(reqs)}` : ''}`,
    };
  });
  const described = controls.map(({ control }) => control?.description).filter((d): d is string => !!d);
  const remediation = f.remediation?.trim();
  const helpText = [
    remediation ? `Remediation: ${remediation}` : 'No remediation text; see the rule documentation.',
    ...(controlLines.length ? [`Controls: ${controlLines.map((c) => c.text).join('; ')}`] : []),
    ...(f.docs ? [`Documentation: ${f.docs}`] : []),
  ].join('\n');
  const helpMarkdown = [
    remediation ? `**Remediation:** ${mdEscape(remediation)}` : '_No remediation text; see the rule documentation._',
    ...(controlLines.length ? ['', '**Controls**', '', ...controlLines.map((c) => `- ${c.md}`)] : []),
    ...(f.docs ? ['', `[Rule documentation](${f.docs})`] : []),
  ].join('\n');
  return {
    id: f.ruleId,
    name: ruleName(f.ruleId),
    shortDescription: { text: title },
    fullDescription: { text: described.length ? `${title}. ${described.join(' ')}` : title },
    help: { text: helpText, markdown: helpMarkdown },
    ...(f.docs ? { helpUri: f.docs } : {}),
    defaultConfiguration: { level: LEVEL[f.severity] },
    properties: {
      // GitHub only applies security-severity to rules tagged `security`, and shows at most 10 tags.
      tags: [...new Set(['security', f.part, ...[...tags].sort()])].slice(0, MAX_TAGS),
      'security-severity': SECURITY_SEVERITY[f.severity],
    },
  };
}

function messageText(f: Finding): string {
  const text = nonEmpty(f.message, nonEmpty(f.title, f.ruleId));
  // Without a file the alert has no location, so say which resource it is about.
  return f.resource.file ? text : `${text} (${f.resource.type} ${f.resource.id})`;
}

function isoOrUndefined(s: string): string | undefined {
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

export function sarifLog(assessment: Assessment, catalog: Catalog): Json {
  const findings = sortedFindings(assessment.findings);
  const root = srcRoot(assessment.target);

  // One rule per rule id; sorted findings put the most severe instance first, which sets the rule's level.
  const ruleOf = new Map<string, Finding>();
  for (const f of findings) if (!ruleOf.has(f.ruleId)) ruleOf.set(f.ruleId, f);
  const ruleIds = [...ruleOf.keys()].sort();
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));
  const rules = ruleIds.map((id) => buildRule(ruleOf.get(id)!, catalog));

  const results = findings
    .filter((f) => f.status === 'fail')
    .map((f) => {
      const locs = locations(f, root);
      return {
        ruleId: f.ruleId,
        ruleIndex: ruleIndex.get(f.ruleId)!,
        level: LEVEL[f.severity],
        message: { text: messageText(f) },
        ...(locs ? { locations: locs } : {}),
        partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(f) },
        ...(f.suppression
          ? {
              suppressions: [
                {
                  kind: f.suppression.kind === 'inline' ? 'inSource' : 'external',
                  status: 'accepted',
                  justification: nonEmpty(f.suppression.reason, 'No reason given.'),
                  ...(f.suppression.source ? { properties: { source: f.suppression.source } } : {}),
                },
              ],
            }
          : {}),
        properties: {
          severity: f.severity,
          part: f.part,
          controls: f.controls,
          resourceType: f.resource.type,
          resourceId: f.resource.id,
          ...(f.resource.path ? { resourcePath: f.resource.path } : {}),
        },
      };
    });

  const notifications: Json[] = findings
    .filter((f) => f.status === 'error')
    .map((f) => {
      const phys = physicalLocation(f, root);
      return {
        level: 'error',
        message: { text: messageText(f) },
        descriptor: { id: f.ruleId },
        associatedRule: { id: f.ruleId, index: ruleIndex.get(f.ruleId)! },
        ...(phys ? { locations: [{ physicalLocation: phys }] } : {}),
      };
    });
  for (const p of assessment.parts) {
    if (p.status !== 'error') continue;
    notifications.push({
      level: 'error',
      message: { text: `The ${p.part} part failed: ${nonEmpty(p.error, 'no detail')}` },
      descriptor: { id: `part/${p.part}` },
    });
  }

  const start = isoOrUndefined(assessment.startedAt);
  const end = isoOrUndefined(assessment.finishedAt);
  const version = nonEmpty(assessment.tool.version, '0.0.0');
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Steward',
            version,
            ...(/^\d+\.\d+\.\d+(?:[-+].*)?$/.test(version) ? { semanticVersion: version } : {}),
            informationUri: STEWARD_INFORMATION_URI,
            rules,
          },
        },
        // One category per workload, so several workloads in one repository keep separate code-scanning alerts.
        automationDetails: { id: `steward/${categorySlug(assessment.profile.name)}/` },
        originalUriBaseIds: { [SRCROOT]: root.base },
        invocations: [
          {
            executionSuccessful: notifications.length === 0,
            toolExecutionNotifications: notifications,
            ...(start ? { startTimeUtc: start } : {}),
            ...(end ? { endTimeUtc: end } : {}),
          },
        ],
        columnKind: 'utf16CodeUnits',
        results,
        properties: { target: assessment.target },
      },
    ],
  };
}

export const renderSarif: Reporter = (assessment, ctx) =>
  `${JSON.stringify(sarifLog(assessment, ctx.catalog), null, 2)}\n`;

/** GitHub treats the category as an opaque id; keep it to safe characters. */
function categorySlug(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'workload';
}
