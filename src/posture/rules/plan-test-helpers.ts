import { evaluate } from '../engine.js';
import { ResourceGraph } from '../graph.js';
import type { Rule } from '../rule.js';
import { parseTerraformPlan } from '../sources/terraform-plan.js';

/** One managed resource of a test plan: its planned values, and the references its configuration makes. */
export interface PlanResource {
  address: string;
  values: Record<string, unknown>;
  /** Attribute → references, as `terraform show -json` writes them in `configuration` (`["aws_iam_role.x.arn"]`). */
  references?: Record<string, string[]>;
}

/** A minimal Terraform JSON plan (format 1.2) holding the given root-module resources. */
export function planJson(resources: PlanResource[]): string {
  const split = (address: string) => {
    const dot = address.indexOf('.');
    return { type: address.slice(0, dot), name: address.slice(dot + 1) };
  };
  return JSON.stringify({
    format_version: '1.2',
    terraform_version: '1.9.5',
    planned_values: {
      root_module: {
        resources: resources.map((r) => ({
          address: r.address,
          mode: 'managed',
          ...split(r.address),
          values: r.values,
        })),
      },
    },
    configuration: {
      root_module: {
        resources: resources.map((r) => ({
          address: r.address,
          mode: 'managed',
          ...split(r.address),
          expressions: Object.fromEntries(
            Object.entries(r.references ?? {}).map(([attr, refs]) => [attr, { references: refs }]),
          ),
        })),
      },
    },
  });
}

/** `status address` per finding of `rule` on a plan built from `resources`, like `verdicts` for templates. */
export function planVerdicts(resources: PlanResource[], rule: Rule): string[] {
  const t = parseTerraformPlan(planJson(resources), 'plan.json');
  if (!t) throw new Error('not a Terraform plan');
  const g = new ResourceGraph();
  g.add(t);
  return evaluate(g, [rule]).map((f) => `${f.status} ${f.resource.id}`);
}
