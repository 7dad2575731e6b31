#!/usr/bin/env node
// The package's bin entry: runs the compiled CLI (npm ci builds dist/ through the prepare script).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('steward: dist/ is missing; run `npm ci` (or `npm run build`) in the Steward checkout first\n');
  process.exit(2);
}

/**
 * The commands that scan keep every finding in memory until the report is written, while parsing templates makes
 * short-lived garbage: with V8's default young generation (16 MB semi-spaces) each collection copies part of a
 * growing heap of findings again, and a 10,000-template scan spent a quarter of its main thread collecting. A
 * 64 MB young generation took that scan from 36 to 33 s. V8 fixes heap sizes when the process starts, so these
 * commands run in a child started with the flag (about 40 ms), unless the user chose a size already.
 */
const YOUNG_FLAG = '--max-semi-space-size';
const YOUNG = `${YOUNG_FLAG}=64`;
const args = process.argv.slice(2);
const command = args.find((a) => !a.startsWith('-'));
const wantsYoung =
  (command === 'scan' || command === 'assess') &&
  !process.execArgv.some((a) => a.startsWith(YOUNG_FLAG)) &&
  !(process.env.NODE_OPTIONS ?? '').includes(YOUNG_FLAG);

if (wantsYoung) {
  const child = spawn(process.execPath, [...process.execArgv, YOUNG, fileURLToPath(import.meta.url), ...args], {
    stdio: 'inherit',
  });
  // A signal meant for the CLI (a CI timeout, kill) reaches the child too; Ctrl-C reaches both already.
  const forward = (signal) => child.kill(signal);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, forward);
  child.on('error', (e) => {
    process.stderr.write(`steward: cannot start ${process.execPath}: ${e.message}\n`);
    process.exitCode = 2;
  });
  child.on('exit', (code, signal) => {
    if (signal) {
      // Die of the same signal, so callers see what happened.
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
      return;
    }
    process.exitCode = code ?? 1;
  });
} else {
  const { main } = await import(entry.href);
  process.exitCode = await main(process.argv.slice(2));
}
