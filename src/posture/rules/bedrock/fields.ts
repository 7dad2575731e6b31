type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const norm = (k: string) => k.replace(/_/g, '').toLowerCase();

/**
 * A field by name whatever its spelling (loggingConfig, LoggingConfig, logging_config), for shapes that reach Steward
 * from API calls or unmapped Terraform resources; a Terraform block, written as a one-element list in plan JSON, is
 * unwrapped.
 */
export function field(obj: unknown, name: string): unknown {
  if (!isObj(obj)) return undefined;
  const key = Object.keys(obj).find((k) => norm(k) === norm(name));
  const v = key === undefined ? undefined : obj[key];
  return Array.isArray(v) && v.length === 1 && isObj(v[0]) ? v[0] : v;
}
