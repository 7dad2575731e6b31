// Drive Steward's built CLI (bin/steward.js → dist/) the way a user would, and read what it wrote.

import { execFileSync } from 'node:child_process';
import { closeSync, createReadStream, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { measure } from './measure.mjs';

export function stewardBin(repo) {
  const bin = join(repo, 'bin', 'steward.js');
  if (!existsSync(join(repo, 'dist', 'cli', 'main.js')))
    throw new Error(`${repo}/dist is missing: run \`npm run build\` in the Steward checkout first`);
  return bin;
}

/** True when this build of `steward scan` accepts --jobs (worker threads). */
export function scanHasJobs(repo) {
  const help = execFileSync(process.execPath, [stewardBin(repo), 'scan', '--help'], { cwd: repo, encoding: 'utf8' });
  return /--jobs\b/.test(help);
}

/** `steward rules --format json`: [{ id, resourceTypes, equivalents: { cdkNag: [...] } }]. */
export function stewardRules(repo) {
  const out = execFileSync(process.execPath, [stewardBin(repo), 'rules', '--format', 'json'], {
    cwd: repo,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(out);
}

/**
 * Time `steward scan <paths> --format json [--jobs N] -o <outFile>`. Exit 0 and 1 are both a completed scan (1 means
 * it found open failures); anything else, or a signal, is a failed run. Returns the measurement plus what the report
 * says: templates, resources, findings, report size.
 */
export async function timeScan(repo, paths, { jobs, outFile }) {
  const args = [stewardBin(repo), 'scan', ...paths, '--format', 'json', '-o', outFile, '--no-color'];
  if (jobs) args.push('--jobs', String(jobs));
  const m = await measure(process.execPath, args, { cwd: repo, env: { ...process.env, CI: '1' } });
  const ok = m.code === 0 || m.code === 1;
  const result = {
    ...m,
    ok,
    command: `node bin/steward.js scan ${shortPaths(paths)} --format json${jobs ? ` --jobs ${jobs}` : ''}`,
  };
  if (!ok || !existsSync(outFile)) return { ...result, ok: false };
  const head = readHead(outFile, 64 * 1024);
  const summary = /"summary":\s*"(\d+) template\(s\), (\d+) resource\(s\)"/.exec(head);
  return {
    ...result,
    templates: summary ? Number(summary[1]) : undefined,
    resources: summary ? Number(summary[2]) : undefined,
    findings: await countOccurrences(outFile, '"ruleId":'),
    reportBytes: statSync(outFile).size,
  };
}

function shortPaths(paths) {
  return paths.length > 3 ? `<${paths.length} files>` : paths.join(' ');
}

function readHead(file, bytes) {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const n = readSync(fd, buf, 0, bytes, 0);
    return buf.subarray(0, n).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** Count a marker in a file of any size without loading it whole (the 10,000-template report is large). */
async function countOccurrences(file, marker) {
  let count = 0;
  let carry = '';
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    const text = carry + chunk;
    let i = text.indexOf(marker);
    while (i >= 0) {
      count++;
      i = text.indexOf(marker, i + marker.length);
    }
    carry = text.slice(-(marker.length - 1));
  }
  return count;
}

/** Parse a (small) report Steward wrote: its findings. */
export function readFindings(outFile) {
  return JSON.parse(readFileSync(outFile, 'utf8')).findings ?? [];
}
