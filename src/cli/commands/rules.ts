import type { Command } from 'commander';
import { allRules } from '../../posture/rules/index.js';
import { emit } from '../io.js';
import { formatOption } from '../options.js';
import { textTable } from '../text-table.js';

export function registerRules(program: Command): void {
  program
    .command('rules')
    .description('list the posture rules with their controls and equivalents in other tools')
    .addOption(formatOption(['table', 'json', 'md'], 'table'))
    .action((flags: { format: 'table' | 'json' | 'md' }) => {
      const rules = allRules.map((r) => ({
        id: r.id,
        title: r.title,
        severity: r.severity,
        resourceTypes: r.resourceTypes,
        controls: r.controls,
        equivalents: {
          checkov: r.equivalents.checkov ?? [],
          cdkNag: r.equivalents.cdkNag ?? [],
          prowler: r.equivalents.prowler ?? [],
          securityHub: r.equivalents.securityHub ?? [],
          cfnNag: r.equivalents.cfnNag ?? [],
        },
        description: r.description,
        remediation: r.remediation,
      }));
      if (flags.format === 'json') return emit(JSON.stringify(rules, null, 2));
      if (flags.format === 'md') {
        const out = ['# Steward posture rules', '', `${rules.length} rules.`, ''];
        for (const r of rules) {
          out.push(
            `## ${r.id}`,
            '',
            `**${r.title}** · severity ${r.severity} · ${r.resourceTypes.join(', ')}`,
            '',
            r.description,
            '',
          );
          out.push(`Controls: ${r.controls.map((c) => `\`${c}\``).join(', ')}`, '');
          const eq = Object.entries(r.equivalents)
            .filter(([, v]) => v.length)
            .map(([k, v]) => `${k}: ${v.join(', ')}`);
          if (eq.length) out.push(`Equivalents: ${eq.join(' · ')}`, '');
          out.push(`Remediation: ${r.remediation.text}`, '');
          if (r.remediation.cloudformation) out.push('```yaml', r.remediation.cloudformation, '```', '');
          if (r.remediation.terraform) out.push('```hcl', r.remediation.terraform, '```', '');
        }
        return emit(out.join('\n'));
      }
      emit(
        textTable(
          ['id', 'severity', 'resource types', 'title'],
          rules.map((r) => [r.id, r.severity, r.resourceTypes.join(','), r.title]),
          [40, 8, 40, 70],
        ),
      );
    });
}
