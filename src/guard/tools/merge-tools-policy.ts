import type { ToolsPolicy } from './schema.js';

/**
 * A route's or API key's `tools:` over the base one: each key the override sets replaces the base's (so a route can
 * narrow `allow` or clear `requireApproval` with `[]`), except `arguments` and `denyPatterns`, which merge per tool
 * and per kind. Layers apply in order: base, route, API key.
 */
export function mergeToolsPolicy(
  base: ToolsPolicy | undefined,
  override: ToolsPolicy | undefined,
): ToolsPolicy | undefined {
  if (!override) return base;
  if (!base) return override;
  const merged: ToolsPolicy = { ...base, ...override };
  if (base.arguments || override.arguments) merged.arguments = { ...base.arguments, ...override.arguments };
  if (base.denyPatterns || override.denyPatterns)
    merged.denyPatterns = { ...base.denyPatterns, ...override.denyPatterns };
  return merged;
}
