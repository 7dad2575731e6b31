import { join } from 'node:path';
import type { Command } from 'commander';
import { runAssessment } from '../../assess/run-assessment.js';
import { BASELINE_FILE, createBaseline, writeBaseline } from '../../findings/baseline.js';

interface BaselineFlags {
  out?: string;
  reason: string;
}

export function registerBaseline(program: Command): void {
  const baseline = program.command('baseline').description('accept the current findings so only new ones fail CI');
  baseline
    .command('create')
    .description('write a baseline of every open failing finding of a workload folder')
    .argument('<dir>', 'workload folder')
    .option('-o, --out <file>', `baseline file (default: <dir>/${BASELINE_FILE})`)
    .requiredOption('--reason <text>', 'why these findings are accepted (stored on every entry)')
    .action((dir: string, flags: BaselineFlags) => {
      // Ignore any existing baseline so re-creating it captures everything still open.
      const { assessment } = runAssessment(dir, { baseline: undefined });
      for (const f of assessment.findings) if (f.suppression?.kind === 'baseline') delete f.suppression;
      const b = createBaseline(assessment.findings, flags.reason);
      const out = flags.out ?? join(dir, BASELINE_FILE);
      writeBaseline(out, b);
      process.stdout.write(`${out}: ${b.entries.length} finding(s) accepted\n`);
    });
}
