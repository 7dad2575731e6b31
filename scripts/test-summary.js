#!/usr/bin/env node
// Prints one plain closing line ("tests: N passed, N failed, N skipped") from Vitest's JSON report, so any CI log
// reader can count the tests without knowing Vitest's own summary format.
import { readFileSync } from 'node:fs';

const file = new URL('../.tmp/vitest-results.json', import.meta.url);
try {
  const r = JSON.parse(readFileSync(file, 'utf8'));
  const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  process.stdout.write(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped\n`);
} catch {
  process.stdout.write('tests: no Vitest JSON report found\n');
}
