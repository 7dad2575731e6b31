import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RISK_RULES } from '../src/assess/guard-coverage-rules.js';
import { owaspCoverageMarkdown } from '../src/assess/owasp-coverage-doc.js';
import { bundledCatalog } from '../src/catalog/catalog.js';

const repo = join(import.meta.dirname, '..');

describe('docs/owasp-coverage.md', () => {
  it('is the current output of scripts/owasp-coverage.mjs (regenerate: npm run build && node scripts/owasp-coverage.mjs)', () => {
    const committed = readFileSync(join(repo, 'docs', 'owasp-coverage.md'), 'utf8');
    expect(committed).toBe(owaspCoverageMarkdown());
  });

  it('has a row and a section per OWASP LLM 2025 risk, with the guard controls of each runtime risk', () => {
    const doc = owaspCoverageMarkdown();
    for (const req of bundledCatalog().framework('owasp-llm-2025')!.requirements) {
      expect(doc).toContain(`| [${req.id} ${req.title}](#`);
      expect(doc).toContain(`\n## ${req.id} ${req.title}\n`);
    }
    for (const rule of RISK_RULES) {
      if (!rule.runtime) continue;
      const section = doc.slice(doc.indexOf(`\n## ${rule.risk} `)).split('\n## ')[1]!;
      for (const id of rule.controls) expect(section, `${rule.risk} → ${id}`).toContain(`- \`${id}\`: `);
    }
  });
});
