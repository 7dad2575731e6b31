// Run a command and measure it from the outside: wall time, and peak RSS / CPU time from GNU time when the machine
// has /usr/bin/time (it covers every thread of the process, worker threads included); without it, node scripts run
// under rss-wrapper.mjs, which reports the same numbers from process.resourceUsage().

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

const GNU_TIME = '/usr/bin/time';
export const hasGnuTime = existsSync(GNU_TIME) && !process.env.BENCH_NO_GNU_TIME;
const WRAPPER = new URL('./rss-wrapper.mjs', import.meta.url).pathname;

/**
 * Spawn `cmd args` in `cwd`; resolves with { code, signal, wallS, maxRssKb, userS, sysS, stderr } (stderr keeps
 * its last 8 KB; GNU time's own lines are parsed out of it).
 */
export function measure(cmd, args, { cwd, env } = {}) {
  const wrap = !hasGnuTime && cmd === process.execPath;
  const argv = hasGnuTime ? ['-v', cmd, ...args] : wrap ? [WRAPPER, ...args] : args;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(hasGnuTime ? GNU_TIME : cmd, argv, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr = (stderr + d).slice(-8192);
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const wallS = (performance.now() - started) / 1000;
      const num = (re) => {
        const m = re.exec(stderr);
        return m ? Number(m[1]) : undefined;
      };
      // GNU time reports "Command terminated by signal N" and still exits 0 itself; surface the child's fate.
      const killedBy = num(/Command terminated by signal (\d+)/);
      const childExit = num(/Exit status: (\d+)/);
      resolve({
        code: killedBy ? null : (childExit ?? code),
        signal: killedBy ? `signal ${killedBy}` : signal,
        wallS,
        maxRssKb: num(/Maximum resident set size \(kbytes\): (\d+)/),
        userS: num(/User time \(seconds\): ([\d.]+)/),
        sysS: num(/System time \(seconds\): ([\d.]+)/),
        stderr: stderr.replace(/\n?\s*Command being timed:[\s\S]*$/, '').replace(/\nMaximum resident set[\s\S]*$/, ''),
      });
    });
  });
}
