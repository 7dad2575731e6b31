/**
 * Property values as CloudFormation would see them once conditions are decided: each `Fn::If` replaced by the
 * branch its condition picks, and every `{ Ref: AWS::NoValue }` removed (from objects and from lists), so rules that
 * `dig` into properties see absent values as absent. An `Fn::If` whose condition is undecided stays as written.
 */

/** Truth of a condition, or undefined when undecided. */
export type Chooser = (condition: string) => boolean | undefined;

const NO_VALUE: unique symbol = Symbol('AWS::NoValue');

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

export function isNoValue(v: unknown): boolean {
  return isObj(v) && v.Ref === 'AWS::NoValue' && Object.keys(v).length === 1;
}

/** The `[condition, then, else]` of an `Fn::If` object, if the value is one. */
function ifParts(v: unknown): [string, unknown, unknown] | undefined {
  if (!isObj(v)) return undefined;
  const args = v['Fn::If'];
  if (!Array.isArray(args) || args.length !== 3 || typeof args[0] !== 'string' || Object.keys(v).length !== 1)
    return undefined;
  return args as [string, unknown, unknown];
}

/** Follow decided `Fn::If`s down to the value they select (returns the steps taken, as written in the source). */
function descend(v: unknown, choose: Chooser, steps?: (string | number)[]): unknown {
  for (let parts = ifParts(v); parts; parts = ifParts(v)) {
    const c = choose(parts[0]);
    if (c === undefined) return v;
    steps?.push('Fn::If', c ? 1 : 2);
    v = c ? parts[1] : parts[2];
  }
  return v;
}

function setOwn(o: Record<string, unknown>, k: string, v: unknown): void {
  // `__proto__` from a parsed document is an ordinary key; plain assignment would change the prototype.
  if (k === '__proto__')
    Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  else o[k] = v;
}

function resolve(v: unknown, choose: Chooser): unknown {
  const picked = descend(v, choose);
  if (isNoValue(picked)) return NO_VALUE;
  const parts = ifParts(picked);
  if (parts) {
    // Undecided: keep both branches (a NoValue branch too: it means "absent" on that side), resolving inside them.
    const a = resolve(parts[1], choose);
    const b = resolve(parts[2], choose);
    if (a === parts[1] && b === parts[2]) return picked;
    return { 'Fn::If': [parts[0], a === NO_VALUE ? parts[1] : a, b === NO_VALUE ? parts[2] : b] };
  }
  if (Array.isArray(picked)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < picked.length; i++) {
      const r = resolve(picked[i], choose);
      if (r !== picked[i] && !out) out = picked.slice(0, i);
      if (out && r !== NO_VALUE) out.push(r);
    }
    return out ?? picked;
  }
  if (isObj(picked)) {
    let out: Record<string, unknown> | undefined;
    const keys = Object.keys(picked);
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!;
      const r = resolve(picked[k], choose);
      if (r !== picked[k] && !out) {
        out = {};
        for (let j = 0; j < i; j++) setOwn(out, keys[j]!, picked[keys[j]!]);
      }
      if (out && r !== NO_VALUE) setOwn(out, k, r);
    }
    return out ?? picked;
  }
  return picked;
}

/**
 * Resolve a value under a choice of conditions. Unchanged subtrees are shared with the input, so a template without
 * conditions costs one walk and no copies. A value that is NoValue itself resolves to undefined.
 */
export function resolveConditions(value: unknown, choose: Chooser): unknown {
  const r = resolve(value, choose);
  return r === NO_VALUE ? undefined : r;
}

/** Properties resolved under a choice of conditions, always an object. */
export function resolveProperties(raw: unknown, choose: Chooser): Record<string, unknown> {
  const r = resolveConditions(raw, choose);
  return isObj(r) ? r : {};
}

/**
 * The path, as written in the source, of a path into the resolved value: decided `Fn::If` steps are put back in and
 * list indexes are shifted past removed NoValue items. Steps past the end of the value are kept as they are.
 */
export function rawPathOf(raw: unknown, path: readonly (string | number)[], choose: Chooser): (string | number)[] {
  const out: (string | number)[] = [];
  let node = raw;
  for (const step of path) {
    node = descend(node, choose, out);
    if (Array.isArray(node) && typeof step === 'number') {
      let seen = -1;
      let at = -1;
      for (let i = 0; i < node.length; i++) {
        if (isNoValue(descend(node[i], choose))) continue;
        if (++seen === step) {
          at = i;
          break;
        }
      }
      if (at < 0) {
        out.push(step);
        node = undefined;
      } else {
        out.push(at);
        node = node[at];
      }
    } else {
      out.push(step);
      node = isObj(node) ? node[step] : undefined;
    }
  }
  return out;
}

/** Names of the conditions that `Fn::If`s in a value test. */
export function ifConditions(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const v of value) ifConditions(v, out);
  } else if (isObj(value)) {
    const parts = ifParts(value);
    if (parts) out.add(parts[0]);
    for (const k in value) ifConditions(value[k], out);
  }
  return out;
}
