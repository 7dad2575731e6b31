#!/usr/bin/env node
// The package's bin entry: runs the compiled CLI (npm ci builds dist/ through the prepare script).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('steward: dist/ is missing; run `npm ci` (or `npm run build`) in the Steward checkout first\n');
  process.exit(2);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
