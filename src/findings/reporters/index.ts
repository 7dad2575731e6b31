import type { Catalog } from '../../catalog/catalog.js';
import { type Assessment, rollup } from '../assessment.js';
import type { Severity } from '../finding.js';
import { renderAsff } from './asff.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import { renderOcsf } from './ocsf.js';
import { renderSarif } from './sarif.js';
import { renderTable } from './table.js';
import type { ReportContext, Reporter, ReportFormat } from './types.js';

export { REPORT_FORMATS, type ReportContext, type Reporter, type ReportFormat } from './types.js';

export const REPORTERS: Record<ReportFormat, Reporter> = {
  table: renderTable,
  json: renderJson,
  sarif: renderSarif,
  junit: renderJunit,
  markdown: renderMarkdown,
  html: renderHtml,
  asff: renderAsff,
  ocsf: renderOcsf,
};

export function makeContext(
  assessment: Assessment,
  catalog: Catalog,
  opts: { failOn: Severity; color?: boolean; aws?: ReportContext['aws']; now?: Date; width?: number },
): ReportContext {
  return {
    catalog,
    rollup: rollup(assessment.findings, catalog),
    failOn: opts.failOn,
    color: opts.color ?? false,
    aws: opts.aws,
    now: opts.now,
  };
}

export function render(format: ReportFormat, assessment: Assessment, ctx: ReportContext): string {
  return REPORTERS[format](assessment, ctx);
}
