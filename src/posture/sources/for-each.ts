/**
 * `Fn::ForEach` from the `AWS::LanguageExtensions` transform, expanded the way CloudFormation does before deploying:
 * each `Fn::ForEach::<Loop>: [Identifier, Collection, { OutputKey: OutputValue }]` key is replaced by one copy of its
 * fragment per collection item, with `${Identifier}` / `&{Identifier}` substituted in output keys and `Fn::Sub`
 * strings and `{ Ref: Identifier }` replaced by the item. Loops nest, and may appear in Resources, Conditions,
 * Outputs and inside resource properties. Generated entries remember where their body is written, for positions.
 */

export const LANGUAGE_EXTENSIONS = 'AWS::LanguageExtensions';

const LOOP_PREFIX = 'Fn::ForEach::';
/** CloudFormation allows 5 nested loops; a bound on generated entries keeps hostile templates from exploding. */
const MAX_GENERATED = 10_000;

type Path = (string | number)[];
type Rec = Record<string, unknown>;

const isRec = (v: unknown): v is Rec => !!v && typeof v === 'object' && !Array.isArray(v);

export interface ForEachProblem {
  /** The loop's key (`Fn::ForEach::Buckets`). */
  loop: string;
  /** Where the loop is written, from the template root. */
  path: Path;
  message: string;
}

export interface ForEachContext {
  /** The value a `{ Ref: Name }` collection reads: the pinned or passed value, else the parameter's Default. */
  parameterValue(name: string): unknown;
  mappings: Rec;
}

/**
 * Source paths of values that are not where their expanded path says: entries a loop generated, and keys whose
 * `${Identifier}` was substituted. Keyed by the expanded object that holds them.
 */
export class Origins {
  private readonly byObject = new WeakMap<object, Map<string, Path>>();

  set(holder: object, key: string, source: Path): void {
    let m = this.byObject.get(holder);
    if (!m) {
      m = new Map();
      this.byObject.set(holder, m);
    }
    m.set(key, source);
  }

  /** Source path of the value at `key` in `holder`, when it moved. */
  of(holder: unknown, key: string | number): Path | undefined {
    return holder && typeof holder === 'object' && typeof key === 'string'
      ? this.byObject.get(holder)?.get(key)
      : undefined;
  }

  /**
   * Source path of `path` inside `root` (whose own source path is `rootSource`): walks the expanded values and
   * jumps to a recorded origin wherever one exists, so a property of a generated resource points into the loop body.
   */
  sourcePath(root: unknown, rootSource: Path, path: readonly (string | number)[]): Path {
    let node = root;
    let source = rootSource;
    for (const step of path) {
      source = this.of(node, step) ?? [...source, step];
      node = node && typeof node === 'object' ? (node as Record<string | number, unknown>)[step] : undefined;
    }
    return source;
  }
}

export interface ExpandResult {
  value: Rec;
  problems: ForEachProblem[];
}

/**
 * Expand every loop in one template section (`Resources`, `Conditions`, `Outputs`). Values outside loops are kept
 * as they are (same objects) unless something inside them changed. A loop whose collection cannot be read
 * statically is left out and reported, never guessed.
 */
export function expandSection(section: Rec, sectionName: string, ctx: ForEachContext, origins: Origins): ExpandResult {
  const problems: ForEachProblem[] = [];
  let generated = 0;

  const substitute = (s: string, params: ReadonlyMap<string, string>): string => {
    if (!params.size || (!s.includes('${') && !s.includes('&{'))) return s;
    return s.replace(/([$&])\{([^}!][^}]*)\}/g, (whole, sigil: string, name: string) => {
      const v = params.get(name.trim());
      if (v === undefined) return whole;
      return sigil === '&' ? v.replace(/[^0-9A-Za-z]/g, '') : v;
    });
  };

  const collection = (raw: unknown, params: ReadonlyMap<string, string>): string[] | string => {
    const value = walk(raw, [], params, false);
    const items = (list: unknown[]): string[] | string => {
      const out: string[] = [];
      for (const x of list) {
        if (typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean') out.push(String(x));
        else return 'an item of the collection is not a plain value';
      }
      return out;
    };
    if (Array.isArray(value)) return items(value);
    if (isRec(value) && typeof value.Ref === 'string') {
      const name = value.Ref;
      const v = params.get(name) ?? ctx.parameterValue(name);
      if (typeof v === 'string') return v.split(',').map((x) => x.trim());
      if (Array.isArray(v)) return items(v);
      return `the collection is !Ref ${name}, which has no Default; pin it with --parameter ${name}=a,b`;
    }
    if (isRec(value) && Array.isArray(value['Fn::FindInMap'])) {
      const found = findInMap(value['Fn::FindInMap'] as unknown[], ctx.mappings);
      if (Array.isArray(found)) return items(found);
      return 'the collection is an Fn::FindInMap Steward cannot resolve';
    }
    return 'the collection is neither a list nor a Ref to a CommaDelimitedList parameter';
  };

  /** Expand the entries of an object, appending them to `out`; `source` is where the object is written. */
  const expandEntries = (
    obj: Rec,
    source: Path,
    params: ReadonlyMap<string, string>,
    inBody: boolean,
    out: Rec,
    outOrigins: Map<string, Path>,
  ): boolean => {
    let changed = inBody;
    for (const k of Object.keys(obj)) {
      const v = obj[k];
      if (k.startsWith(LOOP_PREFIX)) {
        changed = true;
        expandLoop(k, v, [...source, k], params, out, outOrigins);
        continue;
      }
      const key = substitute(k, params);
      const childSource = [...source, k];
      const value = walk(v, childSource, params, inBody);
      if (value !== v || key !== k) changed = true;
      if (Object.hasOwn(out, key)) {
        problems.push({ loop: key, path: childSource, message: `${key} is defined twice once loops are expanded` });
        continue;
      }
      define(out, key, value);
      if (key !== k) outOrigins.set(key, childSource);
    }
    return changed;
  };

  const expandLoop = (
    loop: string,
    args: unknown,
    source: Path,
    params: ReadonlyMap<string, string>,
    out: Rec,
    outOrigins: Map<string, Path>,
  ): void => {
    // A loop's own key has no position of its own in YAML (Fn:: steps share their parent's), its body's first key does.
    const firstKey = Array.isArray(args) && isRec(args[2]) ? Object.keys(args[2])[0] : undefined;
    const at = firstKey === undefined ? source : [...source, 2, firstKey];
    const fail = (message: string) => problems.push({ loop, path: at, message });
    if (!Array.isArray(args) || args.length !== 3 || typeof args[0] !== 'string' || !isRec(args[2])) {
      fail('expected [Identifier, Collection, { OutputKey: OutputValue }]');
      return;
    }
    const [identifier, rawCollection, fragment] = args as [string, unknown, Rec];
    const items = collection(rawCollection, params);
    if (typeof items === 'string') {
      fail(items);
      return;
    }
    for (const item of items) {
      generated += Object.keys(fragment).length;
      if (generated > MAX_GENERATED) {
        fail(`expands to more than ${MAX_GENERATED} entries; not expanded further`);
        return;
      }
      const inner = new Map(params).set(identifier, item);
      const entries: Rec = {};
      const entryOrigins = new Map<string, Path>();
      expandEntries(fragment, [...source, 2], inner, true, entries, entryOrigins);
      for (const k of Object.keys(entries)) {
        if (Object.hasOwn(out, k)) {
          problems.push({ loop, path: source, message: `${k} is defined twice once loops are expanded` });
          continue;
        }
        define(out, k, entries[k]);
        outOrigins.set(k, entryOrigins.get(k) ?? [...source, 2, k]);
      }
    }
  };

  /** A value with loops expanded; `inBody` values are always copied, so every copy can carry its own origins. */
  const walk = (v: unknown, source: Path, params: ReadonlyMap<string, string>, inBody: boolean): unknown => {
    if (Array.isArray(v)) {
      let out: unknown[] | undefined = inBody ? [] : undefined;
      for (let i = 0; i < v.length; i++) {
        const x = walk(v[i], [...source, i], params, inBody);
        if (x !== v[i] && !out) out = v.slice(0, i);
        out?.push(x);
      }
      return out ?? v;
    }
    if (!isRec(v)) return v;
    const keys = Object.keys(v);
    if (params.size && keys.length === 1) {
      const fn = keys[0]!;
      const arg = v[fn];
      if (fn === 'Ref' && typeof arg === 'string' && params.has(arg)) return params.get(arg);
      if (fn === 'Ref' && isRec(arg)) {
        const target = walk(arg, [...source, fn], params, inBody);
        return typeof target === 'string' && params.has(target) ? params.get(target) : { Ref: target };
      }
      if (fn === 'Fn::Sub') return sub(arg, source, params, inBody);
      if (fn === 'Fn::FindInMap' && Array.isArray(arg)) {
        const args = walk(arg, [...source, fn], params, inBody) as unknown[];
        const found = findInMap(args, ctx.mappings);
        return found === undefined ? { [fn]: args } : found;
      }
    }
    const out: Rec = {};
    const outOrigins = new Map<string, Path>();
    const changed = expandEntries(v, source, params, inBody, out, outOrigins);
    if (!changed) return v;
    for (const [k, p] of outOrigins) origins.set(out, k, p);
    return out;
  };

  /** `Fn::Sub` with the loop identifiers filled in; a string left with no `${…}` is just that string. */
  const sub = (arg: unknown, source: Path, params: ReadonlyMap<string, string>, inBody: boolean): unknown => {
    if (typeof arg === 'string') {
      const s = substitute(arg, params);
      return s.includes('${') ? { 'Fn::Sub': s } : s;
    }
    if (Array.isArray(arg) && typeof arg[0] === 'string') {
      const vars = walk(arg[1], [...source, 'Fn::Sub', 1], params, inBody);
      return { 'Fn::Sub': [substitute(arg[0], params), ...(arg.length > 1 ? [vars] : [])] };
    }
    return { 'Fn::Sub': walk(arg, [...source, 'Fn::Sub'], params, inBody) };
  };

  const value = walk(section, [sectionName], new Map(), false) as Rec;
  return { value, problems };
}

/**
 * `Fn::FindInMap [Map, TopKey, SecondKey, { DefaultValue }]` when every key is a plain string: the mapped value, the
 * DefaultValue when the keys are not in the map, undefined when it cannot be decided here.
 */
function findInMap(args: unknown[], mappings: Rec): unknown {
  const [map, top, second, options] = args;
  if (typeof map !== 'string' || typeof top !== 'string' || typeof second !== 'string') return undefined;
  const m = mappings[map];
  const level = isRec(m) ? m[top] : undefined;
  if (isRec(level) && Object.hasOwn(level, second)) return level[second];
  if (isRec(options) && Object.hasOwn(options, 'DefaultValue')) return options.DefaultValue;
  return undefined;
}

function define(o: Rec, k: string, v: unknown): void {
  // Keys come from the template: `__proto__` must stay an ordinary key.
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}

/** True when a section has a loop anywhere (cheap check before expanding). */
export function hasLoop(value: unknown, depth = 0): boolean {
  if (depth > 300) return false;
  if (Array.isArray(value)) return value.some((x) => hasLoop(x, depth + 1));
  if (!isRec(value)) return false;
  for (const k of Object.keys(value)) {
    if (k.startsWith(LOOP_PREFIX) || hasLoop(value[k], depth + 1)) return true;
  }
  return false;
}
