/**
 * The `tools:` block belongs to the tool-policy module (src/guard/tools/): its schema validates it (errors at their
 * line like the rest of the policy) and its merge rule combines base, route and API-key layers.
 */
export { mergeToolsPolicy } from '../tools/merge-tools-policy.js';
export { type ToolsPolicy, ToolsPolicySchema as ToolsSchema } from '../tools/schema.js';
