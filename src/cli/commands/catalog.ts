import { type Command, Option } from 'commander';
import { bundledCatalog } from '../../catalog/catalog.js';
import { filterControls } from '../../catalog/filter.js';
import { FRAMEWORK_IDS, LAYERS, SCOPE_TITLES } from '../../catalog/schema.js';
import { UserError } from '../../util/errors.js';
import { emit } from '../io.js';
import { formatOption } from '../options.js';
import { textTable } from '../text-table.js';

interface CatalogFlags {
  layer?: string;
  framework?: string;
  scope?: string;
  owasp?: string;
  format: 'table' | 'json';
  matrix?: boolean;
}

export function registerCatalog(program: Command): void {
  program
    .command('catalog')
    .description('list the control catalog; with --framework, which controls give evidence for each requirement')
    .addOption(new Option('--layer <layer>', 'only controls in this defense-in-depth layer').choices(LAYERS))
    .option(
      '--framework <id>',
      `only controls mapped to this framework (${FRAMEWORK_IDS.join(', ')}; unambiguous prefixes such as nist-800-53 work)`,
    )
    .option('--scope <n>', 'only controls that apply at GenAI scope n (1-5)')
    .option('--owasp <id>', 'only controls that address an OWASP LLM risk (LLM01…LLM10, or a 2023 id like LLM06:2023)')
    .option('--matrix', 'print the GenAI security scoping matrix instead')
    .addOption(formatOption(['table', 'json'], 'table'))
    .action((flags: CatalogFlags) => {
      const catalog = bundledCatalog();
      if (flags.framework) flags.framework = resolveFrameworkId(flags.framework);
      if (flags.matrix) {
        emit(flags.format === 'json' ? JSON.stringify(catalog.matrix, null, 2) : matrixText(catalog.matrix));
        return;
      }
      const scope = flags.scope === undefined ? undefined : Number(flags.scope);
      if (scope !== undefined && !(Number.isInteger(scope) && scope >= 1 && scope <= 5))
        throw new UserError(`--scope: expected 1, 2, 3, 4 or 5, got "${flags.scope}"`);
      const controls = filterControls(catalog, {
        layer: flags.layer,
        framework: flags.framework,
        scope,
        owasp: flags.owasp,
      });
      const frameworks = flags.framework
        ? catalog.frameworks.filter((f) => f.id === flags.framework)
        : catalog.frameworks;
      if (flags.format === 'json') {
        emit(
          JSON.stringify(
            {
              controls: controls.map((c) => ({ ...c, scopes: [...c.scopes] })),
              frameworks: frameworks.map((f) => ({
                id: f.id,
                title: f.title,
                version: f.version,
                requirements: f.requirements,
              })),
            },
            null,
            2,
          ),
        );
        return;
      }
      if (flags.framework) {
        const fw = frameworks[0]!;
        const listed = new Set(controls.map((c) => c.id));
        const rows = fw.requirements.map((r) => {
          const ids = catalog
            .controlsFor(fw.id, r.id)
            .filter((c) => listed.has(c.id))
            .map((c) => c.id);
          return [r.id, r.title, ids.length ? ids.join(', ') : '(no control)'];
        });
        emit(
          `${fw.title} (${fw.version}): ${rows.filter((r) => r[2] !== '(no control)').length} of ${rows.length} requirements have controls\n\n${textTable(['requirement', 'title', 'controls giving evidence'], rows, [22, 48])}`,
        );
        return;
      }
      const rows = controls.map((c) => [c.id, c.layer, c.view, c.scopes.join(','), c.responsibility, c.title]);
      emit(
        `${textTable(['id', 'layer', 'view', 'scopes', 'side', 'title'], rows, [40, 26, 10, 9, 8, 70])}\n\n${controls.length} control(s)`,
      );
    });
}

/** Accept a framework id or an unambiguous prefix of one (`nist-800-53` → `nist-800-53-r5`). */
function resolveFrameworkId(given: string): string {
  const g = given.toLowerCase();
  const exact = FRAMEWORK_IDS.find((id) => id === g);
  if (exact) return exact;
  const matches = FRAMEWORK_IDS.filter((id) => id.startsWith(g));
  if (matches.length === 1) return matches[0]!;
  throw new UserError(
    `--framework: ${matches.length ? `"${given}" is ambiguous (${matches.join(', ')})` : `unknown framework "${given}"`}; use one of ${FRAMEWORK_IDS.join(', ')}`,
  );
}

function matrixText(m: ReturnType<typeof bundledCatalog>['matrix']): string {
  const out: string[] = ['GenAI security scoping matrix', ''];
  for (const s of m.scopes) {
    out.push(`Scope ${s.scope}: ${SCOPE_TITLES[s.scope]} — ${s.description}`, `  e.g. ${s.example}`);
    for (const d of m.disciplines) {
      out.push(`  ${d.title}:`);
      for (const a of s.asks[d.id]) out.push(`    - ${a}`);
    }
    out.push('');
  }
  return out.join('\n');
}

export type { Command };
