import type { Template } from '../graph.js';

/** A Terraform plan in JSON (`terraform show -json plan.out`) names its format and planned values up front. */
export function looksLikeTerraformPlan(text: string): boolean {
  const head = text.slice(0, 4096);
  return head.includes('"format_version"') && (head.includes('"planned_values"') || text.includes('"planned_values"'));
}

/** Not implemented yet: Terraform plans are recognised but not scanned. */
export function parseTerraformPlan(_text: string, _file: string): Template | undefined {
  return undefined;
}
