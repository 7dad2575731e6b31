import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import * as jsonc from 'jsonc-parser';
import type { Template } from '../graph.js';
import { SourceParseError } from './cloudformation.js';
import { MAPPINGS } from './terraform/mappings.js';
import { normalise } from './terraform/normalise.js';
import { Plan } from './terraform/plan.js';
import { lineColumnAt } from './terraform/positions.js';
import { isRec } from './terraform/records.js';
import { TfDeclarations } from './terraform/tf-declarations.js';
import { attachSuppressionComments } from './terraform/tf-suppressions.js';

export interface TerraformPlanOptions {
  /**
   * Absolute path of the plan file: its folder holds the `.tf` files whose suppression comments apply. When absent,
   * `file` is tried relative to the working directory (the CLI's scan root), and used only if that file is this text.
   */
  path?: string;
}

/** A Terraform plan in JSON (`terraform show -json plan.out`) names its format and planned values up front. */
export function looksLikeTerraformPlan(text: string): boolean {
  const head = text.slice(0, 4096);
  return head.includes('"format_version"') && (head.includes('"planned_values"') || text.includes('"planned_values"'));
}

/**
 * Parse a Terraform plan (JSON output format 0.x or 1.x) into a template whose resources carry CloudFormation types
 * and property shapes (see `terraform/normalise.ts`), Terraform addresses as ids and the line where the plan names
 * each address. Suppression comments in the `.tf` files beside the plan (and in local modules) are attached to the
 * resources they are written on. Undefined when the JSON is not a plan; SourceParseError when it is broken.
 */
export function parseTerraformPlan(text: string, file: string, opts: TerraformPlanOptions = {}): Template | undefined {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let root: unknown;
  try {
    root = JSON.parse(body);
  } catch (e) {
    throw jsonError(e, body);
  }
  if (!isRec(root)) throw new SourceParseError('a Terraform plan is a JSON object; this file holds something else');
  const version = root.format_version;
  if (typeof version === 'string' && !/^[01](\.|$)/.test(version)) {
    throw new SourceParseError(`Terraform plan format_version ${version} is not supported (Steward reads 0.x and 1.x)`);
  }
  if (!isRec(root.planned_values) && !Array.isArray(root.resource_changes)) return undefined;
  try {
    const plan = new Plan(root, body);
    const location = planLocation(text, file, opts.path);
    const config = location ? new TfDeclarations(location, file, root.configuration) : undefined;
    // A resource whose block is found in the `.tf` files beside the plan is reported there (the template is still
    // the plan: rules tell templates apart with ResourceGraph.templateFile); else at the line the plan names it.
    const declared = (address: string) => {
      const r = plan.get(address);
      const d = r && config?.of(r);
      return d && { file: d.file, line: d.line, column: d.column };
    };
    const resources = normalise(plan, file, MAPPINGS, config && declared);
    if (config && resources.length) attachSuppressionComments(resources, plan, config);
    return { file, format: 'terraform-plan', parameters: {}, conditions: {}, mappings: {}, resources };
  } catch (e) {
    // The plan's shape is checked field by field; anything left is a plan too strange to read, not a crash.
    throw new SourceParseError(`cannot read Terraform plan: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Where the plan file is on disk, when known: given, or its display path under the working directory. */
function planLocation(text: string, file: string, given: string | undefined): string | undefined {
  if (given) return given;
  const candidate = resolve(file);
  try {
    return statSync(candidate).size === Buffer.byteLength(text, 'utf8') ? candidate : undefined;
  } catch {
    return undefined;
  }
}

/** JSON.parse does not always say where; jsonc-parser's error list does, so it is asked once the parse has failed. */
function jsonError(e: unknown, text: string): SourceParseError {
  const message = (e instanceof Error ? e.message : String(e)).split('\n')[0];
  const errors: jsonc.ParseError[] = [];
  jsonc.parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (!first) return new SourceParseError(`invalid JSON: ${message}`);
  const { line, column } = lineColumnAt(text, first.offset);
  return new SourceParseError(`invalid JSON: ${jsonc.printParseErrorCode(first.error)}`, line, column);
}
