/** Terraform addresses and references: `module.kb["eu"].aws_s3_bucket.docs[0].arn` as steps. */

export type Step = { name: string } | { key: string | number };

/** Split a traversal into names and index keys; undefined when it is not one Steward can read. */
export function parseTraversal(s: string): Step[] | undefined {
  const steps: Step[] = [];
  let i = 0;
  while (i < s.length) {
    if (s[i] === '[') {
      const close = readKey(s, i + 1);
      if (!close) return undefined;
      steps.push({ key: close.key });
      i = close.end;
    } else {
      if (steps.length > 0) {
        if (s[i] !== '.' || i + 1 === s.length) return undefined;
        i++;
      }
      let j = i;
      while (j < s.length && s[j] !== '.' && s[j] !== '[') j++;
      if (j === i) return undefined;
      steps.push({ name: s.slice(i, j) });
      i = j;
    }
  }
  return steps.length ? steps : undefined;
}

/** An index key after `[`: a JSON string or a number; returns the key and the index after `]`. */
function readKey(s: string, i: number): { key: string | number; end: number } | undefined {
  if (s[i] === '"') {
    let j = i + 1;
    while (j < s.length && s[j] !== '"') j += s[j] === '\\' ? 2 : 1;
    if (s[j + 1] !== ']') return undefined;
    try {
      const key: unknown = JSON.parse(s.slice(i, j + 1));
      return typeof key === 'string' ? { key, end: j + 2 } : undefined;
    } catch {
      return undefined;
    }
  }
  const close = s.indexOf(']', i);
  if (close < 0) return undefined;
  const raw = s.slice(i, close);
  return /^\d+$/.test(raw) ? { key: Number(raw), end: close + 1 } : undefined;
}

export const formatKey = (key: string | number): string =>
  `[${typeof key === 'number' ? String(key) : JSON.stringify(key)}]`;

const nameOf = (s: Step | undefined): string | undefined => (s && 'name' in s ? s.name : undefined);
const keyOf = (s: Step | undefined): string | number | undefined => (s && 'key' in s ? s.key : undefined);

export interface ModulePrefix {
  /** Module instance address (`module.kb[0].module.inner`), empty for the root module. */
  instance: string;
  /** Module call names without keys (`kb/inner`): where the module's configuration lives. */
  callPath: string;
  /** One `module.<name>[key]` segment per nesting level. */
  segments: string[];
  calls: string[];
  /** Steps after the module part. */
  rest: Step[];
}

/** Peel the `module.<name>[key]` steps off the front of a traversal. */
export function splitModule(steps: Step[]): ModulePrefix {
  const segments: string[] = [];
  const calls: string[] = [];
  let i = 0;
  while (nameOf(steps[i]) === 'module' && nameOf(steps[i + 1]) !== undefined) {
    const call = nameOf(steps[i + 1])!;
    const key = keyOf(steps[i + 2]);
    segments.push(`module.${call}${key === undefined ? '' : formatKey(key)}`);
    calls.push(call);
    i += key === undefined ? 2 : 3;
  }
  return { instance: segments.join('.'), callPath: calls.join('/'), segments, calls, rest: steps.slice(i) };
}

/** The parent of a module instance (`module.a.module.b` → `module.a`, call `b`); undefined for the root. */
export function parentModule(instance: string): { parent: string; call: string } | undefined {
  const steps = parseTraversal(instance);
  if (!steps) return undefined;
  const m = splitModule(steps);
  const call = m.calls.at(-1);
  return call === undefined ? undefined : { parent: m.segments.slice(0, -1).join('.'), call };
}

export const joinAddress = (module: string, local: string): string => (module ? `${module}.${local}` : local);
