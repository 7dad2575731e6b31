import { evaluateGraphRules, evaluateResources } from './engine.js';
import { ResourceGraph } from './graph.js';
import type { Rule } from './rule.js';
import { SliceSpec, sliceResources } from './slice-spec.js';
import { parseCloudFormation } from './sources/cloudformation.js';

/**
 * Evaluate rules on an inline template as a scan does: resource rules on the template, graph rules on the resources
 * a scan hands them (detached, with only the properties the graph rules declare they read).
 */
export function runRules(templateYaml: string, rules: Rule[]) {
  const t = parseCloudFormation(templateYaml, 'inline.yaml');
  if (!t) throw new Error('not a template');
  const g = new ResourceGraph();
  g.add(t);
  const slice = new ResourceGraph();
  slice.add({ ...t, conditions: {}, mappings: {}, resources: sliceResources(t.resources, new SliceSpec(rules)) });
  return [...evaluateResources(g, rules), ...evaluateGraphRules(slice, rules, t.resources.length > 0)];
}

export function verdicts(templateYaml: string, rule: Rule): string[] {
  return runRules(templateYaml, [rule]).map(
    (f) => `${f.status} ${f.resource.id}${f.suppression ? ' (suppressed)' : ''}`,
  );
}
