import type { Command } from 'commander';
import { bundledCatalog } from '../../catalog/catalog.js';
import { WorkloadProfileSchema } from '../../catalog/workload-profile.js';
import { ASSESSMENT_SCHEMA_VERSION, type Assessment } from '../../findings/assessment.js';
import { applyBaseline, readBaseline } from '../../findings/baseline.js';
import { atOrAbove, isOpenFailure, type Severity } from '../../findings/finding.js';
import { makeContext, REPORT_FORMATS, type ReportFormat, render } from '../../findings/reporters/index.js';
import { scanPaths } from '../../posture/engine.js';
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
}

export function registerScan(program: Command): void {
  program
    .command('scan')
    .description('scan CloudFormation / CDK templates for security and compliance gaps of AI workloads')
    .argument('<paths...>', 'template files or folders')
    .addOption(formatOption(REPORT_FORMATS, 'table'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .addOption(
      severityOption('--fail-on <severity>', 'exit 1 when an open finding is at or above this severity').default(
        'high',
      ),
    )
    .option('--include-passed', 'list passing (rule, resource) pairs too')
    .option('--baseline <file>', 'baseline of accepted findings')
    .option('--no-color', 'plain output without ANSI colours')
    .action((paths: string[], flags: ScanFlags) => {
      const started = new Date();
      const result = scanPaths(paths, {
        onProgress: (done, total, file) => progress(`scanning ${done}/${total} ${file}`),
      });
      endProgress();
      if (flags.baseline) applyBaseline(result.findings, readBaseline(flags.baseline), flags.baseline);
      const findings = flags.includePassed ? result.findings : result.findings.filter((f) => f.status !== 'pass');
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
      emit(render(flags.format, assessment, ctx), flags.output);
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
