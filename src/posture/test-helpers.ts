import { evaluate } from './engine.js';
import { ResourceGraph } from './graph.js';
import type { Rule } from './rule.js';
import { parseCloudFormation } from './sources/cloudformation.js';

/** Evaluate rules on an inline template; returns `status resourceId` pairs per rule id, for compact assertions. */
export function runRules(templateYaml: string, rules: Rule[]) {
  const t = parseCloudFormation(templateYaml, 'inline.yaml');
  if (!t) throw new Error('not a template');
  const g = new ResourceGraph();
  g.add(t);
  return evaluate(g, rules);
}

export function verdicts(templateYaml: string, rule: Rule): string[] {
  return runRules(templateYaml, [rule]).map(
    (f) => `${f.status} ${f.resource.id}${f.suppression ? ' (suppressed)' : ''}`,
  );
}
