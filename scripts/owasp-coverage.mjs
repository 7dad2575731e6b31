#!/usr/bin/env node
// Writes docs/owasp-coverage.md: each OWASP LLM Top 10 (2025) risk → the guard scanners, the policy settings
// `steward assess` asks for and the catalog controls. Generated from the compiled sources, so build first:
//
//   npm run build && node scripts/owasp-coverage.mjs           (write the file)
//   node scripts/owasp-coverage.mjs --check                    (exit 1 when the committed file is stale)
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const repo = new URL('..', import.meta.url);
const target = fileURLToPath(new URL('docs/owasp-coverage.md', repo));
let generator;
try {
  generator = await import(new URL('dist/assess/owasp-coverage-doc.js', repo).href);
} catch (e) {
  process.stderr.write(`owasp-coverage: cannot load dist/ (${e.message}); run \`npm run build\` first\n`);
  process.exit(2);
}
const text = generator.owaspCoverageMarkdown();

if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {}
  if (current !== text) {
    process.stderr.write('docs/owasp-coverage.md is stale: run `npm run build && node scripts/owasp-coverage.mjs`\n');
    process.exit(1);
  }
  process.stdout.write('docs/owasp-coverage.md is current\n');
} else {
  writeFileSync(target, text);
  process.stdout.write(`wrote ${target}\n`);
}
