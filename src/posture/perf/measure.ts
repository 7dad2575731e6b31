import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { scan } from '../engine.js';
import { writeSyntheticCorpus } from './synthetic.js';

/**
 * Quick speed check of the posture scanner on a generated corpus (run from dist/):
 *   node dist/posture/perf/measure.js <dir> [templates=10000] [jobs=2] [--validate-spec]
 * Writes the corpus into <dir> if it is empty, scans it and prints seconds, ms per template and peak memory.
 */
async function main(): Promise<void> {
  const [dirArg = '.tmp/perf-corpus', countArg = '10000', jobsArg = '2'] = process.argv
    .slice(2)
    .filter((a) => !a.startsWith('--'));
  const dir = resolve(dirArg);
  const validateSpec = process.argv.includes('--validate-spec');
  const count = Number(countArg);
  if (!existsSync(dir) || readdirSync(dir).length === 0) {
    const t = performance.now();
    writeSyntheticCorpus(dir, count);
    process.stderr.write(`wrote ${count} templates in ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
  }
  let peak = 0;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  const t0 = performance.now();
  const r = await scan([dir], { root: dir, jobs: Number(jobsArg), includePassed: false, validateSpec });
  const s = (performance.now() - t0) / 1000;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  const out = {
    templates: r.stats.templates,
    resources: r.stats.resources,
    findings: r.findings.length,
    jobs: r.stats.jobs,
    validateSpec,
    seconds: Number(s.toFixed(2)),
    msPerTemplate: Number(((s * 1000) / Math.max(1, r.stats.templates)).toFixed(3)),
    mainRssMB: Math.round(peak / 1048576),
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

void main();
