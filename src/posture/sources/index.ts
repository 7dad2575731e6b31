import type { Template } from '../graph.js';
import { parseCloudFormation } from './cloudformation.js';
import { looksLikeTerraformPlan, parseTerraformPlan } from './terraform-plan.js';

/**
 * Parse one file of any supported source into a template, or undefined when the file is not infrastructure as code.
 * Throws SourceParseError (with a line where known) when the file is meant to be a template but is broken.
 */
export function parseSource(text: string, file: string): Template | undefined {
  if (looksLikeTerraformPlan(text)) return parseTerraformPlan(text, file);
  return parseCloudFormation(text, file);
}
