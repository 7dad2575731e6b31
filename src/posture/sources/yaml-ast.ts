import { type Document, isAlias, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';

/** A JSON-ish value converted from YAML/JSON, with the source line and column of every node by path. */
export interface PositionedValue {
  value: unknown;
  /** `lineCol(path)` → [line, column] (1-based) of the node at the path, or of its nearest existing ancestor. */
  lineCol(path: readonly (string | number)[]): [number, number];
}

export class SourceParseError extends Error {
  constructor(
    message: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
  }
}

export interface ConvertOptions {
  /** Map a tagged node (e.g. `!Ref x`) to its long form; return undefined to keep the plain value. */
  tag?: (tag: string, value: unknown) => unknown;
  /** When set, a local tag that `tag` does not map is an error with this message (e.g. an unknown `!Foo`). */
  unknownTag?: (tag: string) => string;
  maxDepth?: number;
  /** Bound on nodes produced, so alias bombs fail fast instead of exhausting memory. */
  maxNodes?: number;
}

/** Parse YAML (or JSON, a YAML subset) keeping positions; throws SourceParseError with a line on bad input. */
export function parseWithPositions(text: string, opts: ConvertOptions = {}): PositionedValue {
  const lineCounter = new LineCounter();
  let doc: Document;
  try {
    doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: false });
  } catch (e) {
    // The YAML parser recurses per nesting level; pathological nesting overflows the stack.
    if (isStackOverflow(e)) throw new SourceParseError('nesting deeper than the parser allows');
    throw new SourceParseError(e instanceof Error ? e.message : String(e));
  }
  const err = doc.errors[0];
  if (err) {
    const pos = err.pos?.[0] !== undefined ? lineCounter.linePos(err.pos[0]) : undefined;
    const first = err.message.split('\n')[0] ?? 'invalid YAML';
    const message = /call stack/i.test(first) ? 'nesting deeper than the parser allows' : first;
    throw new SourceParseError(message, pos?.line, pos?.col);
  }
  const positions = new Map<string, [number, number]>();
  const maxDepth = opts.maxDepth ?? 256;
  const maxNodes = opts.maxNodes ?? 500_000;
  let nodes = 0;
  const at = (n: Node | null | undefined): [number, number] | undefined => {
    const r = n?.range;
    if (!r) return undefined;
    const p = lineCounter.linePos(r[0]);
    return [p.line, p.col];
  };
  const convert = (node: unknown, path: (string | number)[], depth: number, aliasDepth: number): unknown => {
    if (++nodes > maxNodes) throw new SourceParseError(`document expands to more than ${maxNodes} nodes (alias bomb?)`);
    if (depth > maxDepth)
      throw new SourceParseError(`nesting deeper than ${maxDepth} levels`, ...(at(node as Node) ?? []));
    if (isAlias(node)) {
      if (aliasDepth > 64) throw new SourceParseError('aliases nested too deeply');
      return convert(node.resolve(doc), path, depth, aliasDepth + 1);
    }
    const pos = at(node as Node);
    // A map key's position (set by the parent) wins over its value's: it is the line people look for.
    if (pos && aliasDepth === 0 && !positions.has(pathKey(path))) positions.set(pathKey(path), pos);
    let value: unknown;
    if (isMap(node)) {
      const out: Record<string, unknown> = {};
      for (const pair of node.items) {
        const k = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        if (k === '<<' && isAlias(pair.value)) {
          Object.assign(out, convert(pair.value, path, depth + 1, aliasDepth));
          continue;
        }
        const kp = at(pair.key as Node);
        // A `Fn::` key shares its parent's position key (see pathKey): the parent's line stays.
        if (kp && aliasDepth === 0 && !(k.startsWith('Fn::') && positions.has(pathKey(path))))
          positions.set(pathKey([...path, k]), kp);
        const v = convert(pair.value, [...path, k], depth + 1, aliasDepth);
        Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
      }
      value = out;
    } else if (isSeq(node)) {
      value = node.items.map((item, i) => convert(item, [...path, i], depth + 1, aliasDepth));
    } else if (isScalar(node)) {
      value = node.value;
    } else if (node === null || node === undefined) {
      value = null;
    } else {
      value = node;
    }
    const tag = (node as { tag?: string } | null)?.tag;
    if (tag?.startsWith('!') && !tag.startsWith('!!') && opts.tag) {
      const mapped = opts.tag(tag, value);
      if (mapped !== undefined) return mapped;
      if (opts.unknownTag) throw new SourceParseError(opts.unknownTag(tag), ...(at(node as Node) ?? []));
    }
    return value;
  };
  let value: unknown;
  try {
    value = convert(doc.contents, [], 0, 0);
  } catch (e) {
    if (isStackOverflow(e)) throw new SourceParseError('nesting deeper than the parser allows');
    throw e;
  }
  return {
    value,
    lineCol(path) {
      for (let n = path.length; n >= 0; n--) {
        const p = positions.get(pathKey(path.slice(0, n)));
        if (p) return p;
      }
      return [1, 1];
    },
  };
}

/**
 * Positions are keyed without `Fn::` steps, so the long form (`Fn::If: [c, a, b]`, path `X/Fn::If/1`) and the short
 * form (`!If [c, a, b]`, whose YAML path is `X/1`) find the same node. No property is named `Fn::…`.
 */
function pathKey(path: readonly (string | number)[]): string {
  let key = '';
  for (const p of path) {
    if (typeof p === 'string' && p.startsWith('Fn::')) continue;
    key += `${p}\u0000`;
  }
  return key;
}

/** Stack overflow, recognised by name too: errors may come from another realm (vm contexts in test runners). */
function isStackOverflow(e: unknown): boolean {
  return e instanceof RangeError || (e instanceof Error && /call stack/i.test(e.message));
}
