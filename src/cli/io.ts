import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { errorMessage, UserError } from '../util/errors.js';

/** Write a report to a file (creating folders) or to stdout when no file is given. */
export function emit(text: string, file?: string): void {
  if (!file || file === '-') {
    process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    return;
  }
  writeReport(file, text);
}

export function writeReport(file: string, text: string): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  } catch (e) {
    throw new UserError(`${file}: cannot write: ${errorMessage(e)}`, file);
  }
}

/** Progress goes to stderr, and only to a terminal, so piped output stays clean. */
export function progress(message: string): void {
  if (process.stderr.isTTY && !process.env.CI) process.stderr.write(`\r\x1b[2K${message}`);
}

export function endProgress(): void {
  if (process.stderr.isTTY && !process.env.CI) process.stderr.write('\r\x1b[2K');
}

export function useColor(flag: boolean | undefined): boolean {
  if (flag === false || process.env.NO_COLOR) return false;
  return !!process.stdout.isTTY || !!process.env.FORCE_COLOR;
}

/** Columns for the terminal table: the TTY's width, or a roomy default when piped to a file or CI log. */
export function terminalWidth(): number {
  return process.stdout.isTTY && process.stdout.columns ? process.stdout.columns : 160;
}
