// The rule ids cdk-nag documents, read from the RULES.md it ships: id → pack. Used to check the ids Steward lists in
// `equivalents.cdkNag` against the cdk-nag that is installed.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const PREFIX = {
  'AWS Solutions': 'AwsSolutions',
  'HIPAA Security': 'HIPAA.Security',
  'NIST 800-53 rev 4': 'NIST.800.53.R4',
  'NIST 800-53 rev 5': 'NIST.800.53.R5',
  'PCI DSS 3.2.1': 'PCI.DSS.321',
  Serverless: 'Serverless',
};

export function cdkNagRuleIds() {
  const require = createRequire(import.meta.url);
  const md = readFileSync(join(dirname(require.resolve('cdk-nag/package.json')), 'RULES.md'), 'utf8');
  const ids = new Map();
  let prefix;
  let inRules = false;
  for (const line of md.split('\n')) {
    const pack = /^## (.+?)\s*$/.exec(line);
    if (pack) {
      prefix = PREFIX[pack[1]];
      continue;
    }
    const sub = /^### (.+?)\s*$/.exec(line);
    if (sub) {
      inRules = sub[1] === 'Warnings' || sub[1] === 'Errors'; // not "Excluded Rules": those are unimplemented
      continue;
    }
    if (!prefix || !inRules || !line.startsWith('|')) continue;
    const cell = line.split('|')[1]?.trim() ?? '';
    const id = cell.replace(/^\[([^\]]+)\]\(.*\)$/, '$1');
    if (!id || id === 'Rule ID' || /^-+$/.test(id)) continue;
    ids.set(id.startsWith(`${prefix}-`) ? id : `${prefix}-${id}`, prefix);
  }
  return ids;
}
