import { createHash } from 'node:crypto';
import type { Catalog } from '../../catalog/catalog.js';
import type { FrameworkId } from '../../catalog/schema.js';
import { type Assessment, sortedFindings } from '../assessment.js';
import type { Finding, Severity, Status } from '../finding.js';
import { fingerprint } from '../fingerprint.js';
import { jsonSafe, positiveInt } from './json.js';
import type { ReportContext, Reporter } from './types.js';

/**
 * OCSF Compliance Finding events (class 2003 in the Findings category), for Security Lake, SIEMs and anything else
 * that reads OCSF. Written to OCSF 1.3.0, the first release whose compliance_finding has `resources`; the
 * attributes it requires are a superset of what later releases (through 1.8.0) require.
 */

export const OCSF_VERSION = '1.3.0';
export const OCSF_CLASS_UID = 2003;
export const OCSF_CATEGORY_UID = 2;
export const OCSF_ACTIVITY_CREATE = 1;

const SEVERITY_ID: Record<Severity, { id: number; caption: string }> = {
  info: { id: 1, caption: 'Informational' },
  low: { id: 2, caption: 'Low' },
  medium: { id: 3, caption: 'Medium' },
  high: { id: 4, caption: 'High' },
  critical: { id: 5, caption: 'Critical' },
};

/** compliance.status_id: 1 Pass, 2 Warning (no result for lack of information), 3 Fail. */
const COMPLIANCE_STATUS: Record<Status, { id: number; caption: string }> = {
  pass: { id: 1, caption: 'Pass' },
  skip: { id: 2, caption: 'Warning' },
  error: { id: 2, caption: 'Warning' },
  fail: { id: 3, caption: 'Fail' },
};

/** The finding's triage state (status_id on the finding class): 1 New, 3 Suppressed, 4 Resolved. */
function findingStatus(f: Finding): { id: number; caption: string } {
  if (f.status === 'fail' && f.suppression) return { id: 3, caption: 'Suppressed' };
  if (f.status === 'pass') return { id: 4, caption: 'Resolved' };
  return { id: 1, caption: 'New' };
}

export interface OcsfComplianceFinding {
  activity_id: number;
  activity_name: string;
  category_uid: number;
  category_name: string;
  class_uid: number;
  class_name: string;
  type_uid: number;
  type_name: string;
  time: number;
  severity_id: number;
  severity: string;
  status_id: number;
  status: string;
  status_detail?: string;
  message: string;
  metadata: {
    version: string;
    uid: string;
    profiles: string[];
    product: { name: string; vendor_name: string; uid: string; version: string };
  };
  finding_info: {
    uid: string;
    title: string;
    desc: string;
    types: string[];
    src_url?: string;
    analytic: { uid: string; name: string; type_id: number; type: string };
  };
  compliance: {
    control: string;
    standards: string[];
    requirements?: string[];
    status_id: number;
    status: string;
  };
  resources: {
    type: string;
    uid: string;
    name: string;
    region: string;
    cloud_partition: string;
    data?: Record<string, unknown>;
  }[];
  cloud: { provider: 'AWS'; region: string; account: { uid: string; type: string; type_id: number } };
  remediation?: { desc: string; references?: string[] };
  unmapped: { steward: Record<string, unknown> };
}

function eventTime(ctx: ReportContext, assessment: Assessment): number {
  // Finding classes define `time` as when the finding was created: the assessment's end, unless the caller fixes it.
  for (const d of [ctx.now, new Date(assessment.finishedAt)]) if (d && !Number.isNaN(d.getTime())) return d.getTime();
  return Date.now();
}

/** A deterministic, UUID-shaped event id: the same finding at the same time always gets the same id. */
function eventUid(fp: string, time: number): string {
  const h = createHash('sha256').update(`${fp}\u0000${time}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

function mappings(f: Finding, catalog: Catalog): { standards: string[]; requirements: string[]; views: string[] } {
  const standards = new Set<string>();
  const requirements = new Set<string>();
  const views = new Set<string>();
  for (const cid of f.controls) {
    const c = catalog.control(cid);
    if (!c) continue;
    views.add(c.view);
    for (const [fw, reqs] of Object.entries(c.mappings) as [FrameworkId, string[]][]) {
      standards.add(fw);
      for (const r of reqs) requirements.add(`${fw}:${r}`);
    }
  }
  return { standards: [...standards].sort(), requirements: [...requirements].sort(), views: [...views].sort() };
}

function nonBlank(s: string | undefined, fallback: string): string {
  return s !== undefined && /\S/.test(s) ? s : fallback;
}

export function toOcsfFindings(assessment: Assessment, ctx: ReportContext): OcsfComplianceFinding[] {
  const time = eventTime(ctx, assessment);
  const account = ctx.aws?.accountId ?? '000000000000';
  const region = ctx.aws?.region ?? 'us-east-1';
  const partition = ctx.aws?.partition ?? 'aws';
  const version = nonBlank(assessment.tool.version, '0.0.0');

  return sortedFindings(assessment.findings).map((f): OcsfComplianceFinding => {
    const fp = fingerprint(f);
    const sev = SEVERITY_ID[f.severity];
    const st = findingStatus(f);
    const cs = COMPLIANCE_STATUS[f.status];
    const m = mappings(f, ctx.catalog);
    const line = positiveInt(f.resource.line);
    const column = positiveInt(f.resource.column);
    const location = {
      ...(f.resource.file ? { file: f.resource.file } : {}),
      ...(line ? { line } : {}),
      ...(column ? { column } : {}),
      ...(f.resource.path ? { path: f.resource.path } : {}),
    };
    const docs = f.docs && /^https?:\/\//.test(f.docs) ? f.docs : undefined;
    const title = nonBlank(f.title, f.ruleId);
    const message = nonBlank(f.message, title);
    return {
      activity_id: OCSF_ACTIVITY_CREATE,
      activity_name: 'Create',
      category_uid: OCSF_CATEGORY_UID,
      category_name: 'Findings',
      class_uid: OCSF_CLASS_UID,
      class_name: 'Compliance Finding',
      type_uid: OCSF_CLASS_UID * 100 + OCSF_ACTIVITY_CREATE,
      type_name: 'Compliance Finding: Create',
      time,
      severity_id: sev.id,
      severity: sev.caption,
      status_id: st.id,
      status: st.caption,
      ...(f.suppression && f.status === 'fail' ? { status_detail: f.suppression.reason } : {}),
      message,
      metadata: {
        version: OCSF_VERSION,
        uid: eventUid(fp, time),
        // The cloud profile is what makes `cloud` (and resources[].region) part of the event.
        profiles: ['cloud'],
        product: { name: 'Steward', vendor_name: 'Steward', uid: 'steward', version },
      },
      finding_info: {
        uid: fp,
        title,
        desc: message,
        types: [`steward/${f.part}`, ...m.views.map((v) => `steward/${v}`)],
        ...(docs ? { src_url: docs } : {}),
        analytic: { uid: f.ruleId, name: f.ruleId, type_id: 1, type: 'Rule' },
      },
      compliance: {
        control: f.controls.length ? f.controls.join(', ') : f.ruleId,
        // OCSF 1.3.0 requires standards; a finding mapped to no framework is still judged against Steward's catalog.
        standards: m.standards.length ? m.standards : ['steward'],
        ...(m.requirements.length ? { requirements: m.requirements } : {}),
        status_id: cs.id,
        status: cs.caption,
      },
      resources: [
        {
          type: f.resource.type,
          uid: nonBlank(f.resource.id, '(unnamed)'),
          name: nonBlank(f.resource.id, '(unnamed)'),
          region,
          cloud_partition: partition,
          ...(Object.keys(location).length ? { data: location } : {}),
        },
      ],
      cloud: { provider: 'AWS', region, account: { uid: account, type: 'AWS Account', type_id: 10 } },
      ...(f.remediation && /\S/.test(f.remediation)
        ? { remediation: { desc: f.remediation, ...(docs ? { references: [docs] } : {}) } }
        : {}),
      unmapped: {
        steward: {
          ruleId: f.ruleId,
          status: f.status,
          part: f.part,
          controls: [...f.controls],
          target: assessment.target,
          workload: assessment.profile.name,
          ...(f.suppression ? { suppression: { ...f.suppression } } : {}),
          ...(f.evidence ? { evidence: jsonSafe(f.evidence) } : {}),
        },
      },
    };
  });
}

export const renderOcsf: Reporter = (assessment, ctx) =>
  `${JSON.stringify(jsonSafe(toOcsfFindings(assessment, ctx)), null, 2)}\n`;
