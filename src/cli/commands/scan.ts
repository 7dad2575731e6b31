import { mkdirSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import { bundledCatalog, type Catalog } from '../../catalog/catalog.js';
import { WorkloadProfileSchema } from '../../catalog/workload-profile.js';
import {
  ASSESSMENT_SCHEMA_VERSION,
  type Assessment,
  RollupBuilder,
  sortedFindings,
} from '../../findings/assessment.js';
import { applyBaseline, readBaseline } from '../../findings/baseline.js';
import { atOrAbove, type Finding, isOpenFailure, type Severity } from '../../findings/finding.js';
import {
  makeContext,
  REPORT_FORMATS,
  type ReportContext,
  type ReportFormat,
  render,
} from '../../findings/reporters/index.js';
import { findingsDocument, jsonSafe, type Summary, SummaryBuilder, summarize } from '../../findings/reporters/json.js';
import { PrerenderedFindings, printedFindings, stripFirst } from '../../findings/reporters/json-findings-prerender.js';
import { renderedTallies } from '../../findings/reporters/rendered-findings.js';
import { type ScanCounts, type ScanOptions, type ScanResult, scan } from '../../posture/engine.js';
import { requireSpec } from '../../posture/spec/spec-db.js';
import { errorMessage, UserError } from '../../util/errors.js';
import { VERSION } from '../../version.js';
import { EXIT } from '../exit-codes.js';
import { emit, endProgress, progress, terminalWidth, useColor } from '../io.js';
import { formatOption, severityOption } from '../options.js';

interface ScanFlags {
  format: ReportFormat;
  output?: string;
  failOn: Severity;
  includePassed?: boolean;
  baseline?: string;
  color?: boolean;
  jobs?: number;
  validateSpec?: boolean;
  condition?: Record<string, boolean>;
  parameter?: Record<string, string>;
}

function jobsArg(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of 1 or more');
  return n;
}

function pair(value: string): [string, string] {
  const eq = value.indexOf('=');
  if (eq <= 0) throw new InvalidArgumentError('expected NAME=VALUE');
  return [value.slice(0, eq), value.slice(eq + 1)];
}

function conditionArg(value: string, previous: Record<string, boolean> = {}): Record<string, boolean> {
  const [name, v] = pair(value);
  const b = v.toLowerCase();
  if (b !== 'true' && b !== 'false') throw new InvalidArgumentError(`${name}: expected true or false`);
  return { ...previous, [name]: b === 'true' };
}

function parameterArg(value: string, previous: Record<string, string> = {}): Record<string, string> {
  const [name, v] = pair(value);
  return { ...previous, [name]: v };
}

/** A progress line at most ten times a second: printing one per file would slow a 10,000-file scan down. */
function progressReporter(): (done: number, total: number, file: string, c: ScanCounts) => void {
  let last = 0;
  return (done, total, file, c) => {
    const now = Date.now();
    if (done < total && now - last < 100) return;
    last = now;
    progress(
      `scanning ${done}/${total} files · ${c.templates} templates · ${c.resources} resources · ${c.findings} findings · ${file}`,
    );
  };
}

/** Above this many findings the JSON report is written piece by piece (see writeJsonReport). */
const STREAM_JSON_ABOVE = 20_000;

/** Findings printed while the scan ran (see PrerenderedFindings), with the summary of those findings. */
export interface StreamedFindings {
  chunks: Iterable<Buffer>;
  summary: Summary;
}

/**
 * The json reporter's document, written in pieces: byte for byte what `render('json')` returns, without building
 * it as one string. Scanning 10,000 templates yields about a million findings, and one string of them would exceed
 * V8's string length limit (about 512 MB) and most of the heap. The head and tail come from the reporter itself;
 * only the findings array is streamed, each finding printed by `pushJsonFinding` (the reporter's `toJsonFinding`
 * as `JSON.stringify` indents it, without the intermediate objects) straight into UTF-8 chunks. When the findings
 * were printed while the scan ran (`streamed`), those chunks are written as they are, and the assessment (and the
 * context's roll-up) need not hold the findings.
 */
export function* jsonReportChunks(
  assessment: Assessment,
  ctx: ReportContext,
  streamed?: StreamedFindings,
): Generator<string | Buffer> {
  const doc = findingsDocument({ ...assessment, findings: [] }, ctx);
  // The summary only counts: it needs no order, and sorting a million findings is not free.
  doc.summary = streamed?.summary ?? summarize(assessment.findings, ctx.failOn);
  const text = JSON.stringify(jsonSafe(doc), null, 2);
  const marker = '\n  "findings": [],\n';
  const at = text.indexOf(marker);
  if (doc.summary.total === 0) {
    yield `${text}\n`;
    return;
  }
  yield `${text.slice(0, at)}\n  "findings": [\n`;
  if (streamed) yield* streamed.chunks;
  else yield* stripFirst(printedFindings(sortedFindings(assessment.findings), FINDING_INDENT));
  yield `\n  ],\n${text.slice(at + marker.length)}\n`;
}

/** A finding's indentation in the json report's findings array. */
const FINDING_INDENT = '    ';

/** Bytes gathered into one write: a few large writes cost less than thousands of small ones. */
const WRITE_BATCH_BYTES = 8 << 20;

/** Write all of `buffers`, in order: a write may take less than it was given (a full disk, a signal). */
async function writeAll(handle: FileHandle, buffers: Buffer[]): Promise<void> {
  let written = (await handle.writev(buffers)).bytesWritten;
  for (const b of buffers) {
    if (written >= b.length) {
      written -= b.length;
      continue;
    }
    for (let done = written; done < b.length; ) done += (await handle.write(b, done, b.length - done)).bytesWritten;
    written = 0;
  }
}

export async function writeJsonReport(
  assessment: Assessment,
  ctx: ReportContext,
  file?: string,
  streamed?: StreamedFindings,
): Promise<void> {
  if (!file || file === '-') {
    for (const chunk of jsonReportChunks(assessment, ctx, streamed)) {
      if (!process.stdout.write(chunk)) await new Promise((resolve) => process.stdout.once('drain', resolve));
    }
    return;
  }
  let handle: FileHandle | undefined;
  let writing: Promise<void> = Promise.resolve();
  try {
    mkdirSync(dirname(file), { recursive: true });
    handle = await open(file, 'w');
    // One batch is written (by libuv's thread pool) while the next is printed: a gigabyte of report costs its
    // printing, not its printing plus its writing. Chunks are never reused, so a batch may hold them.
    let batch: Buffer[] = [];
    let bytes = 0;
    const flush = async () => {
      await writing;
      writing = writeAll(handle!, batch);
      // Awaited on the next turn; a failure must not count as unhandled meanwhile.
      writing.catch(() => {});
      batch = [];
      bytes = 0;
    };
    for (const chunk of jsonReportChunks(assessment, ctx, streamed)) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      batch.push(buffer);
      bytes += buffer.length;
      if (bytes >= WRITE_BATCH_BYTES) await flush();
    }
    if (batch.length > 0) await flush();
    await writing;
  } catch (e) {
    throw new UserError(`${file}: cannot write: ${errorMessage(e)}`, file);
  } finally {
    // Never close under a write still in flight (printing a chunk failed while the previous one was written).
    await writing.catch(() => {});
    await handle?.close();
  }
}

/** A scan whose json report was printed as it ran (see scanPrinting). */
interface PrintedScan {
  result: ScanResult;
  /** The findings kept, when they could not be printed as they came (the scan ran again); empty when `streamed`. */
  findings: Finding[];
  /** The findings array's text, printed while scanning; with the roll-up and summary of those findings. */
  streamed?: Iterable<Buffer>;
  rollup: RollupBuilder;
  summary: SummaryBuilder;
  /** Remove the printed text's scratch file, if any: once the report is written. */
  dispose(): void;
}

/**
 * Scan, printing the json report's findings where they are found (worker threads print their templates') and
 * tallying them, without keeping them: a 10,000-template scan's million findings never sit in the heap, and the
 * main thread only puts printed text in order. If the findings could not be put in report order (never seen: each
 * file's findings arrive together), the tree is scanned again keeping them.
 */
async function scanPrinting(
  paths: readonly string[],
  options: ScanOptions,
  includePassed: boolean,
  catalog: Catalog,
  scratchDir: string | undefined,
): Promise<PrintedScan> {
  const printed = new PrerenderedFindings({ scratchDir });
  const rollup = new RollupBuilder(catalog);
  const summary = new SummaryBuilder();
  const result = await scan(paths, {
    ...options,
    render: { indent: FINDING_INDENT, includePassed },
    onRendered: (r) => {
      printed.add(r);
      for (const [severity, controls, counter, n] of renderedTallies(r)) {
        rollup.addCount(severity, controls, counter, n);
        summary.addCount(severity, counter, n);
      }
    },
  });
  const dispose = () => printed.dispose();
  const streamed = printed.chunks();
  if (streamed) return { result, findings: [], streamed, rollup, summary, dispose };
  dispose();
  const again = await scan(paths, options);
  const keep = (f: Finding) => includePassed || f.status !== 'pass';
  return { result: again, findings: again.findings.filter(keep), rollup, summary, dispose };
}

export function registerScan(program: Command): void {
  program
    .command('scan')
    .description('scan CloudFormation, SAM and CDK templates for security and compliance gaps of AI workloads')
    .argument('<paths...>', 'template files or folders (a cdk.out folder scans the stacks its manifest names)')
    .addOption(formatOption(REPORT_FORMATS, 'table'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .addOption(
      severityOption('--fail-on <severity>', 'exit 1 when an open finding is at or above this severity').default(
        'high',
      ),
    )
    .option('--include-passed', 'list passing (rule, resource) pairs too')
    .option('--baseline <file>', 'baseline of accepted findings')
    .option('-j, --jobs <n>', 'worker threads (default: one per CPU for large trees; 1 = no workers)', jobsArg)
    .option('--validate-spec', 'check properties against the CloudFormation resource specification')
    .option(
      '--condition <name=bool>',
      'decide a template condition instead of evaluating both branches (repeatable)',
      conditionArg,
    )
    .option('--parameter <name=value>', 'fix a template parameter for conditions and rules (repeatable)', parameterArg)
    .option('--no-color', 'plain output without ANSI colours')
    .action(async (paths: string[], flags: ScanFlags) => {
      const started = new Date();
      if (flags.validateSpec) requireSpec();
      const catalog = bundledCatalog();
      const keep = flags.includePassed ? () => true : (f: Finding) => f.status !== 'pass';
      const options: ScanOptions = {
        jobs: flags.jobs,
        includePassed: !!flags.includePassed,
        validateSpec: !!flags.validateSpec,
        assume: { conditions: flags.condition, parameters: flags.parameter },
        onProgress: progressReporter(),
      };
      // A large json report is printed while the scan runs; a baseline changes findings after it, so not then.
      const printed =
        flags.format === 'json' && !flags.baseline
          ? await scanPrinting(
              paths,
              options,
              !!flags.includePassed,
              catalog,
              // The scratch file for a report larger than memory goes beside the report.
              flags.output && flags.output !== '-' ? dirname(resolve(flags.output)) : undefined,
            )
          : undefined;
      const result = printed?.result ?? (await scan(paths, options));
      endProgress();
      if (flags.baseline) applyBaseline(result.findings, readBaseline(flags.baseline), flags.baseline);
      const findings = printed ? printed.findings : result.findings.filter(keep);
      const assessment: Assessment = {
        schemaVersion: ASSESSMENT_SCHEMA_VERSION,
        tool: { name: 'steward', version: VERSION },
        target: paths.join(' '),
        startedAt: started.toISOString(),
        finishedAt: new Date().toISOString(),
        profile: WorkloadProfileSchema.parse({ name: paths.join(' ') }),
        scope: { scope: 3, source: 'default', evidence: ['steward scan does not read a workload profile'] },
        regulated: { regulated: false, reasons: [] },
        parts: [
          {
            part: 'posture',
            status: 'ok',
            durationMs: Date.now() - started.getTime(),
            summary: `${result.stats.templates} template(s), ${result.stats.resources} resource(s)`,
          },
        ],
        findings,
      };
      const ctx = makeContext(assessment, catalog, {
        failOn: flags.failOn,
        color: useColor(flags.color) && !flags.output,
        width: terminalWidth(),
      });
      let open = findings.some((f) => isOpenFailure(f) && atOrAbove(f.severity, flags.failOn));
      if (printed?.streamed) {
        const summary = printed.summary.finish(flags.failOn);
        await writeJsonReport(assessment, { ...ctx, rollup: printed.rollup.finish() }, flags.output, {
          chunks: printed.streamed,
          summary,
        }).finally(() => printed.dispose());
        open = summary.verdict === 'fail';
      } else if (flags.format === 'json' && findings.length > STREAM_JSON_ABOVE)
        await writeJsonReport(assessment, ctx, flags.output);
      else emit(render(flags.format, assessment, ctx), flags.output);
      const s = result.stats;
      if (s.templates === 0 && s.parseErrors > 0) {
        process.stderr.write(`steward: none of the ${s.files} file(s) could be parsed as a template\n`);
        process.exitCode = EXIT.usage;
        return;
      }
      if (s.templates === 0)
        process.stderr.write(`steward: no CloudFormation templates found in ${paths.join(', ')}\n`);
      process.exitCode = open ? EXIT.findings : EXIT.ok;
    });
}
