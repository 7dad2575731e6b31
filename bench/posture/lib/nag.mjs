// Run cdk-nag over a list of templates in `jobs` worker processes (nag-worker.mjs), the same number of cores
// Steward gets, and merge their results.

import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const WORKER = new URL('../nag-worker.mjs', import.meta.url).pathname;

/**
 * Returns { wallS, loopS, loadS, cpuS, maxRssKb, templates: [...], nagVersion, cdkVersion } where
 * - wallS is the whole run (process start, aws-cdk-lib import, warm-up, loop),
 * - loopS the slowest worker's timed loop (steady state: the per-template cost, excluding one-off start-up),
 * - cpuS the sum of per-template times over all workers, maxRssKb the sum of the workers' peaks.
 */
export async function runNag(files, { jobs, scratch }) {
  mkdirSync(scratch, { recursive: true });
  const n = Math.max(1, Math.min(jobs, files.length));
  // Round-robin, so every worker gets small and large templates alike.
  const slices = Array.from({ length: n }, (_, w) => files.filter((_, i) => i % n === w));
  const started = performance.now();
  const results = await Promise.all(
    slices.map(async (slice, w) => {
      const job = join(scratch, `nag-job-${w}.json`);
      const out = join(scratch, `nag-result-${w}.json`);
      writeFileSync(job, JSON.stringify({ files: slice, out }));
      await runWorker(job);
      const r = JSON.parse(readFileSync(out, 'utf8'));
      rmSync(job);
      rmSync(out);
      return r;
    }),
  );
  const wallS = (performance.now() - started) / 1000;
  // Restore the caller's order.
  const byFile = new Map(results.flatMap((r) => r.templates.map((t) => [t.file, t])));
  return {
    nagVersion: results[0]?.nagVersion,
    cdkVersion: results[0]?.cdkVersion,
    jobs: n,
    wallS,
    loopS: Math.max(...results.map((r) => r.loopMs)) / 1000,
    loadS: Math.max(...results.map((r) => r.loadMs + r.warmupMs)) / 1000,
    cpuS: results.reduce((s, r) => s + r.templates.reduce((a, t) => a + t.ms, 0), 0) / 1000,
    maxRssKb: results.reduce((s, r) => s + r.maxRssKb, 0),
    templates: files.map((f) => byFile.get(f)),
  };
}

function runWorker(job) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WORKER, job], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr = (stderr + d).slice(-4096);
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`cdk-nag worker exited ${code}: ${stderr.trim().slice(-1500)}`)),
    );
  });
}
