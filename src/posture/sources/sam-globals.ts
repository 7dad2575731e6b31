/**
 * SAM `Globals`: properties shared by every serverless resource of a kind. Steward applies them the way SAM
 * documents: a resource's own value wins for scalars, maps are merged key by key, lists are the global entries
 * followed by the resource's own. The implicit roles and APIs SAM generates are added by sam-implicit.ts.
 */

export const SAM_TRANSFORM = 'AWS::Serverless-2016-10-31';

/** Globals section name for each serverless resource type. */
const SECTION_OF: Record<string, string> = {
  'AWS::Serverless::Function': 'Function',
  'AWS::Serverless::Api': 'Api',
  'AWS::Serverless::HttpApi': 'HttpApi',
  'AWS::Serverless::SimpleTable': 'SimpleTable',
  'AWS::Serverless::StateMachine': 'StateMachine',
  'AWS::Serverless::LayerVersion': 'LayerVersion',
};

const isPlainMap = (v: unknown): v is Record<string, unknown> => {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return false;
  const keys = Object.keys(v);
  // An intrinsic function is a value, not a map to merge into.
  return !(keys.length === 1 && (keys[0] === 'Ref' || keys[0] === 'Condition' || keys[0]!.startsWith('Fn::')));
};

export function globalsSection(resourceType: string): string | undefined {
  return SECTION_OF[resourceType];
}

function merge(global: unknown, own: unknown): unknown {
  if (own === undefined) return global;
  if (isPlainMap(global) && isPlainMap(own)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(global)) define(out, k, global[k]);
    for (const k of Object.keys(own)) define(out, k, merge(global[k], own[k]));
    return out;
  }
  if (Array.isArray(global) && Array.isArray(own)) return [...global, ...own];
  return own;
}

function define(o: Record<string, unknown>, k: string, v: unknown): void {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}

/** A serverless resource's properties with its Globals section applied; the input when nothing applies. */
export function applyGlobals(
  resourceType: string,
  properties: unknown,
  globals: Record<string, unknown> | undefined,
): unknown {
  const section = globalsSection(resourceType);
  const g = section ? globals?.[section] : undefined;
  if (!isPlainMap(g)) return properties;
  return merge(g, isPlainMap(properties) ? properties : {});
}
