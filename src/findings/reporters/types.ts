import type { Catalog } from '../../catalog/catalog.js';
import type { Assessment, Rollup } from '../assessment.js';
import type { Severity } from '../finding.js';

export const REPORT_FORMATS = ['table', 'json', 'sarif', 'junit', 'markdown', 'html', 'asff', 'ocsf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface ReportContext {
  catalog: Catalog;
  rollup: Rollup;
  /** Severity at or above which open failures make the run fail (exit 1). */
  failOn: Severity;
  /** Use ANSI colours (terminal reporter only). */
  color: boolean;
  /** AWS account and region stamped on ASFF/OCSF findings (placeholders when unknown). */
  aws?: { accountId: string; region: string; partition?: string };
  /** Terminal width in columns (terminal reporter only); default 120. */
  width?: number;
  /** Fixed clock for reproducible output in tests. */
  now?: Date;
}

/** A reporter turns an assessment into one document (text). Pure: no I/O. */
export type Reporter = (assessment: Assessment, ctx: ReportContext) => string;
