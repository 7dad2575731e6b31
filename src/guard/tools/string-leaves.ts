/** A string inside a tool call's arguments, with where it sits (`$.options.path`, `$.files[2]`). */
export interface StringLeaf {
  path: string;
  value: string;
}

/** Deep enough for any real tool call; deeper nesting is not walked (and is itself unusual). */
const MAX_DEPTH = 32;
/** Strings checked per call at most: bounds the work an enormous argument object can cause. */
const MAX_LEAVES = 10_000;

/** Every string value (and object key) in `value`, depth-first. Never throws, stops at the bounds above. */
export function stringLeaves(value: unknown): StringLeaf[] {
  const out: StringLeaf[] = [];
  const walk = (v: unknown, path: string, depth: number) => {
    if (out.length >= MAX_LEAVES || depth > MAX_DEPTH) return;
    if (typeof v === 'string') {
      out.push({ path, value: v });
    } else if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) walk(v[i], `${path}[${i}]`, depth + 1);
    } else if (v !== null && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        const childPath = /^[A-Za-z_$][\w$]*$/.test(k) ? `${path}.${k}` : `${path}[${JSON.stringify(k)}]`;
        out.push({ path: `${childPath} (key)`, value: k });
        walk(child, childPath, depth + 1);
      }
    }
  };
  walk(value, '$', 0);
  return out;
}
