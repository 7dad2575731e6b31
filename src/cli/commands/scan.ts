import { mkdirSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import { bundledCatalog } from '../../catalog/catalog.js';
import { WorkloadProfileSchema } from '../../catalog/workload-profile.js';
import { ASSESSMENT_SCHEMA_VERSION, type Assessment, sortedFindings } from '../../findings/assessment.js';
import { applyBaseline, readBaseline } from '../../findings/baseline.js';
import { atOrAbove, type Finding, isOpenFailure, type Severity } from '../../findings/finding.js';
import {
  makeContext,
  REPORT_FORMATS,
  type ReportContext,
  type ReportFormat,
  render,
} from '../../findings/reporters/index.js';
import { findingsDocument, jsonSafe, summarize } from '../../findings/reporters/json.js';
import { PrerenderedFindings, printedFindings, stripFirst } from '../../findings/reporters/json-findings-prerender.js';
import { type ScanCounts, scan } from '../../posture/engine.js';
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

/**
 * The json reporter's document, written in pieces: byte for byte what `render('json')` returns, without building
 * it as one string. Scanning 10,000 templates yields about a million findings, and one string of them would exceed
 * V8's string length limit (about 512 MB) and most of the heap. The head and tail come from the reporter itself;
 * only the findings array is streamed, each finding printed by `pushJsonFinding` (the reporter's `toJsonFinding`
 * as `JSON.stringify` indents it, without the intermediate objects) straight into UTF-8 chunks. When the findings
 * were printed while the scan ran (`prerendered`), those chunks are written as they are.
 */
export function* jsonReportChunks(
  assessment: Assessment,
  ctx: ReportContext,
  prerendered?: PrerenderedFindings,
): Generator<string | Buffer> {
  const ready = prerendered?.chunksFor(assessment.findings);
  // The summary only counts: it needs no order, and sorting a million findings is not free.
  const findings = ready ? assessment.findings : sortedFindings(assessment.findings);
  const doc = findingsDocument({ ...assessment, findings: [] }, ctx);
  doc.summary = summarize(findings, ctx.failOn);
  const text = JSON.stringify(jsonSafe(doc), null, 2);
  const marker = '\n  "findings": [],\n';
  const at = text.indexOf(marker);
  if (findings.length === 0) {
    yield `${text}\n`;
    return;
  }
  yield `${text.slice(0, at)}\n  "findings": [\n`;
  if (ready) yield* ready;
  else yield* stripFirst(printedFindings(findings, FINDING_INDENT));
  yield `\n  ],\n${text.slice(at + marker.length)}\n`;
}

/** A finding's indentation in the json report's findings array. */
const FINDING_INDENT = '    ';

/** Write all of `bytes`: a write may take less than it was given (a full disk, a signal). */
async function writeFully(handle: FileHandle, bytes: Buffer): Promise<void> {
  for (let done = 0; done < bytes.length; ) done += (await handle.write(bytes, done, bytes.length - done)).bytesWritten;
}

export async function writeJsonReport(
  assessment: Assessment,
  ctx: ReportContext,
  file?: string,
  prerendered?: PrerenderedFindings,
): Promise<void> {
  if (!file || file === '-') {
    for (const chunk of jsonReportChunks(assessment, ctx, prerendered)) {
      // Copied: where stdout writes asynchronously, it keeps the buffer, and prerendered chunks are reused.
      if (!process.stdout.write(typeof chunk === 'string' ? chunk : Buffer.from(chunk)))
        await new Promise((resolve) => process.stdout.once('drain', resolve));
    }
    return;
  }
  let handle: FileHandle | undefined;
  let writing: Promise<void> = Promise.resolve();
  try {
    mkdirSync(dirname(file), { recursive: true });
    handle = await open(file, 'w');
    // One chunk is written (by libuv's thread pool) while the next is printed: a gigabyte of report costs its
    // printing, not its printing plus its writing.
    for (const chunk of jsonReportChunks(assessment, ctx, prerendered)) {
      await writing;
      writing = writeFully(handle, typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
      // Awaited on the next turn; a failure must not count as unhandled meanwhile.
      writing.catch(() => {});
    }
    await writing;
  } catch (e) {
    throw new UserError(`${file}: cannot write: ${errorMessage(e)}`, file);
  } finally {
    // Never close under a write still in flight (printing a chunk failed while the previous one was written).
    await writing.catch(() => {});
    await handle?.close();
  }
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
      const keep = flags.includePassed ? () => true : (f: Finding) => f.status !== 'pass';
      // A large json report is printed while the scan runs; a baseline changes findings after it, so not then.
      const prerendered =
        flags.format === 'json' && !flags.baseline
          ? new PrerenderedFindings(
              FINDING_INDENT,
              keep,
              STREAM_JSON_ABOVE,
              flags.output && flags.output !== '-' ? dirname(resolve(flags.output)) : undefined,
            )
          : undefined;
      const result = await scan(paths, {
        onFindings: prerendered && ((found) => prerendered.add(found)),
        jobs: flags.jobs,
        includePassed: !!flags.includePassed,
        validateSpec: !!flags.validateSpec,
        assume: { conditions: flags.condition, parameters: flags.parameter },
        onProgress: progressReporter(),
      });
      endProgress();
      if (flags.baseline) applyBaseline(result.findings, readBaseline(flags.baseline), flags.baseline);
      const findings = result.findings.filter(keep);
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
      const ctx = makeContext(assessment, bundledCatalog(), {
        failOn: flags.failOn,
        color: useColor(flags.color) && !flags.output,
        width: terminalWidth(),
      });
      if (flags.format === 'json' && findings.length > STREAM_JSON_ABOVE)
        await writeJsonReport(assessment, ctx, flags.output, prerendered).finally(() => prerendered?.dispose());
      else emit(render(flags.format, assessment, ctx), flags.output);
      const s = result.stats;
      if (s.templates === 0 && s.parseErrors > 0) {
        process.stderr.write(`steward: none of the ${s.files} file(s) could be parsed as a template\n`);
        process.exitCode = EXIT.usage;
        return;
      }
      if (s.templates === 0)
        process.stderr.write(`steward: no CloudFormation templates found in ${paths.join(', ')}\n`);
      const open = findings.some((f) => isOpenFailure(f) && atOrAbove(f.severity, flags.failOn));
      process.exitCode = open ? EXIT.findings : EXIT.ok;
    });
}
