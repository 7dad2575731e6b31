/**
 * Source positions for a JSON document that `JSON.parse` already accepted, found lazily.
 *
 * CDK writes JSON templates, often large and many. Nothing is computed until a finding asks for a line; the first
 * lookup then scans the text once into a compact tape (typed arrays: where each value starts, its key, its first
 * child and next sibling), and every lookup after that only follows the tape. The text is known to be valid JSON,
 * so the scanner does not re-validate it.
 */

const QUOTE = 34; // "
const BACKSLASH = 92;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const COMMA = 44;
const COLON = 58;

const isWs = (c: number) => c === 32 || c === 10 || c === 13 || c === 9 || c === 0xfeff;

/** A copy of a typed array at twice the length. */
function grown<A extends Int32Array | Uint8Array>(a: A): A {
  const b = new (a.constructor as new (n: number) => A)(a.length * 2);
  b.set(a);
  return b;
}

export class JsonPositions {
  private lineStarts: number[] | undefined;
  private built = false;
  private count = 0;
  /** Offset where each node's value starts. */
  private start = new Int32Array(0);
  /** Offset of each node's key (its opening quote), -1 for array items and the root. */
  private key = new Int32Array(0);
  /** Offset just past each node's key (its closing quote included). */
  private keyEnd = new Int32Array(0);
  private firstChild = new Int32Array(0);
  private nextSibling = new Int32Array(0);
  /** 1 when a node's key has an escape sequence (its raw text is not the key). */
  private keyEscaped = new Uint8Array(0);
  /** Members of the large objects looked up so far: key → node. */
  private readonly members = new Map<number, Map<string, number>>();
  /** The last path looked up (as far as it resolved), and the node of each of its prefixes (root first). */
  private lastPath: readonly (string | number)[] = [];
  private readonly lastNodes: number[] = [0];

  constructor(private readonly text: string) {}

  /**
   * 1-based [line, column] of the node at `path`: a member's key, an item's value; the nearest existing ancestor
   * when the path goes further than the document.
   */
  lineCol(path: readonly (string | number)[]): [number, number] {
    if (!this.built) this.build();
    // Lookups come in runs about one resource (its position, then its properties'): reuse the steps they share.
    const prev = this.lastPath;
    const nodes = this.lastNodes;
    let shared = 0;
    while (shared < path.length && shared < prev.length && path[shared] === prev[shared]) shared++;
    nodes.length = shared + 1;
    let node = nodes[shared]!;
    let depth = shared;
    for (; depth < path.length; depth++) {
      const step = path[depth]!;
      const c = this.text.charCodeAt(this.start[node]!);
      let child = -1;
      if (c === OPEN_BRACE) child = this.member(node, String(step));
      else if (c === OPEN_BRACKET && typeof step === 'number') {
        child = this.firstChild[node]!;
        for (let i = 0; i < step && child >= 0; i++) child = this.nextSibling[child]!;
      }
      if (child < 0) break;
      node = child;
      nodes.push(node);
    }
    // A copy (callers may reuse their array), of the steps that resolved.
    this.lastPath = path.slice(0, depth);
    const k = this.key[node]!;
    return this.toLineCol(k >= 0 ? k : this.start[node]!);
  }

  private member(node: number, name: string): number {
    const cached = this.members.get(node);
    if (cached) return cached.get(name) ?? -1;
    const t = this.text;
    let children = 0;
    let escaped = false;
    for (let c = this.firstChild[node]!; c >= 0; c = this.nextSibling[c]!) {
      children++;
      if (this.keyEscaped[c]) escaped = true;
    }
    if (children <= 16 && !escaped) {
      // Small objects (most of them): compare in place, no strings made. Later duplicates win, as in JSON.parse.
      let found = -1;
      for (let c = this.firstChild[node]!; c >= 0; c = this.nextSibling[c]!) {
        const k = this.key[c]!;
        if (this.keyEnd[c]! - k - 2 === name.length && t.startsWith(name, k + 1)) found = c;
      }
      return found;
    }
    const m = new Map<string, number>();
    for (let c = this.firstChild[node]!; c >= 0; c = this.nextSibling[c]!) {
      const raw = t.slice(this.key[c]! + 1, this.keyEnd[c]! - 1);
      m.set(raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw, c);
    }
    this.members.set(node, m);
    return m.get(name) ?? -1;
  }

  private toLineCol(offset: number): [number, number] {
    if (!this.lineStarts) {
      const starts = [0];
      for (let i = this.text.indexOf('\n'); i >= 0; i = this.text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.lineStarts = starts;
    }
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return [lo + 1, offset - starts[lo]! + 1];
  }

  private grow(): void {
    // A node per ~12 characters is typical of pretty-printed templates; grow by doubling past that.
    const size = this.start.length ? this.start.length * 2 : Math.max(64, Math.ceil(this.text.length / 12));
    const copy = (a: Int32Array) => {
      const b = new Int32Array(size);
      b.set(a);
      return b;
    };
    this.start = copy(this.start);
    this.key = copy(this.key);
    this.keyEnd = copy(this.keyEnd);
    this.firstChild = copy(this.firstChild);
    this.nextSibling = copy(this.nextSibling);
    const escaped = new Uint8Array(size);
    escaped.set(this.keyEscaped);
    this.keyEscaped = escaped;
  }

  private node(start: number, key: number, keyEnd: number): number {
    if (this.count === this.start.length) this.grow();
    const n = this.count++;
    this.start[n] = start;
    this.key[n] = key;
    this.keyEnd[n] = keyEnd;
    this.firstChild[n] = -1;
    this.nextSibling[n] = -1;
    return n;
  }

  /** One pass over the text: every value becomes a node linked to its parent's children. */
  private build(): void {
    this.built = true;
    const t = this.text;
    const n = t.length;
    let i = 0;
    while (i < n && isWs(t.charCodeAt(i))) i++;
    this.node(i, -1, -1);
    const c0 = t.charCodeAt(i);
    if (c0 !== OPEN_BRACE && c0 !== OPEN_BRACKET) return;
    // Open containers (`checkDepth` bounds the nesting of what reaches here, but do not rely on it), whether each
    // is an object, and the last child added to each.
    let open = new Int32Array(64);
    let last = new Int32Array(64);
    let isObject = new Uint8Array(64);
    let depth = 0;
    open[0] = 0;
    last[0] = -1;
    isObject[0] = c0 === OPEN_BRACE ? 1 : 0;
    i++;
    while (i < n && depth >= 0) {
      let c = t.charCodeAt(i);
      // Pretty-printed JSON is mostly indentation: skip runs of it in a tight loop.
      while (c === 32 || c === 10 || c === 13 || c === 9 || c === COMMA || c === 0xfeff) c = t.charCodeAt(++i);
      if (i >= n) break;
      if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        depth--;
        i++;
        continue;
      }
      const parent = open[depth]!;
      let keyAt = -1;
      let keyEnd = -1;
      let escapedKey = false;
      if (isObject[depth]) {
        keyAt = i;
        keyEnd = this.skipString(i);
        // Keys are short: finding an escape in them once here spares every lookup the check.
        for (let j = keyAt + 1; j < keyEnd - 1; j++) if (t.charCodeAt(j) === BACKSLASH) escapedKey = true;
        i = keyEnd;
        c = t.charCodeAt(i);
        while (c === 32 || c === COLON || c === 10 || c === 13 || c === 9 || c === 0xfeff) c = t.charCodeAt(++i);
      }
      const child = this.node(i, keyAt, keyEnd);
      if (escapedKey) this.keyEscaped[child] = 1;
      const prev = last[depth]!;
      if (prev < 0) this.firstChild[parent] = child;
      else this.nextSibling[prev] = child;
      last[depth] = child;
      const v = t.charCodeAt(i);
      if (v === OPEN_BRACE || v === OPEN_BRACKET) {
        depth++;
        if (depth === open.length) {
          open = grown(open);
          last = grown(last);
          isObject = grown(isObject);
        }
        open[depth] = child;
        last[depth] = -1;
        isObject[depth] = v === OPEN_BRACE ? 1 : 0;
        i++;
      } else if (v === QUOTE) i = this.skipString(i);
      else {
        // A number, true, false or null.
        for (let d = v; d !== COMMA && d !== CLOSE_BRACE && d !== CLOSE_BRACKET && !isWs(d) && i < n; ) {
          d = t.charCodeAt(++i);
        }
      }
    }
  }

  /** Offset just past the string starting at `i` (an opening quote). */
  private skipString(i: number): number {
    const t = this.text;
    let j = i + 1;
    for (;;) {
      const q = t.indexOf('"', j);
      if (q < 0) return t.length;
      let backslashes = 0;
      for (let k = q - 1; t.charCodeAt(k) === BACKSLASH; k--) backslashes++;
      if (backslashes % 2 === 0) return q + 1;
      j = q + 1;
    }
  }
}
