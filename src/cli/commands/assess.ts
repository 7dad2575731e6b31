import { join } from 'node:path';
import type { Command } from 'commander';
import { runAssessment } from '../../assess/run-assessment.js';
import { bundledCatalog } from '../../catalog/catalog.js';
import { atOrAbove, isOpenFailure, type Severity } from '../../findings/finding.js';
import { makeContext, render } from '../../findings/reporters/index.js';
import { EXIT } from '../exit-codes.js';
import { emit, endProgress, progress, terminalWidth, useColor, writeReport } from '../io.js';
import { formatOption, severityOption } from '../options.js';

interface AssessFlags {
  out: string;
  failOn?: Severity;
  format: 'table' | 'json' | 'markdown';
  baseline?: string;
  color?: boolean;
  quiet?: boolean;
}

export function registerAssess(program: Command): void {
  program
    .command('assess')
    .description('run every Steward part on a workload folder; write report.html, findings.sarif and assessment.json')
    .argument('<dir>', 'workload folder (templates, steward.yaml, …)')
    .option('-o, --out <dir>', 'folder for the reports', 'steward-report')
    .addOption(
      severityOption(
        '--fail-on <severity>',
        'exit 1 when an open finding is at or above this severity (default: high, or failOn in steward.yaml)',
      ),
    )
    .addOption(formatOption(['table', 'json', 'markdown'], 'table', 'what to print on stdout'))
    .option('--baseline <file>', 'baseline of accepted findings (default: .steward-baseline.json in the folder)')
    .option('--no-color', 'plain output without ANSI colours')
    .option('-q, --quiet', 'print only the verdict line')
    .action((dir: string, flags: AssessFlags) => {
      const result = runAssessment(dir, { baseline: flags.baseline, onProgress: progress });
      endProgress();
      const { assessment } = result;
      const failOn: Severity = flags.failOn ?? result.failOn ?? 'high';
      const catalog = bundledCatalog();
      const ctx = makeContext(assessment, catalog, { failOn, color: useColor(flags.color), width: terminalWidth() });
      writeReport(join(flags.out, 'assessment.json'), render('json', assessment, ctx));
      writeReport(join(flags.out, 'findings.sarif'), render('sarif', assessment, ctx));
      writeReport(join(flags.out, 'report.html'), render('html', assessment, ctx));
      const open = assessment.findings.filter((f) => isOpenFailure(f) && atOrAbove(f.severity, failOn));
      if (!flags.quiet) emit(render(flags.format, assessment, ctx));
      else emit(open.length ? `FAIL: ${open.length} open finding(s) at or above ${failOn}` : 'PASS');
      const notes = [`reports written to ${flags.out}/ (report.html, findings.sarif, assessment.json)`];
      for (const e of result.staleBaselineEntries)
        notes.push(
          `baseline entry no longer matches anything: ${e.ruleId} on ${e.resourceId}${e.file ? ` (${e.file})` : ''}`,
        );
      for (const n of notes) process.stderr.write(`${n}\n`);
      process.exitCode = open.length ? EXIT.findings : EXIT.ok;
    });
}
