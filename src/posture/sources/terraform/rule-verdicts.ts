import { dirname } from 'node:path';
import { scanPaths } from '../../engine.js';
import { allRules } from '../../rules/index.js';
import { fixturePath } from './test-fixtures.js';

/**
 * `status address` of one registered rule's findings on a fixture plan, sorted, through the real scan: the proof a
 * mapping lets a CloudFormation rule judge Terraform. Throws on an unknown rule id or a plan that does not parse.
 */
export function ruleVerdicts(file: string, ruleId: string): string[] {
  const rules = allRules.filter((r) => r.id === ruleId);
  if (rules.length !== 1) throw new Error(`no rule ${ruleId}`);
  const { findings, stats } = scanPaths([file], { root: dirname(fixturePath(file)), rules });
  if (stats.parseErrors) throw new Error(`${file} did not parse`);
  return findings.map((f) => `${f.status} ${f.resource.id}`).sort();
}
