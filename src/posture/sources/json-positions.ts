/**
 * Source positions for a JSON document that `JSON.parse` already accepted, found lazily.
 *
 * CDK writes JSON templates, often large and many. Nothing is computed until a finding asks for a line; the first
 * lookup then scans the text once into a compact tape (one typed array, a few integers per value: where it starts,
 * its key, its first child and next sibling), and every lookup after that only follows the tape. The text is known
 * to be valid JSON, so the scanner does not re-validate it.
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

/** Integers per node on the tape, and their offsets. */
const STRIDE = 5;
/** Offset where the node's value starts. */
const START = 0;
/** Offset of the node's key (its opening quote), -1 for array items and the root. */
const KEY = 1;
/** Offset just past the node's key (its closing quote included). */
const KEY_END = 2;
const FIRST_CHILD = 3;
const NEXT_SIBLING = 4;

/**
 * The tape is built here, then copied out at its exact size: one allocation per document, where growing arrays
 * from a guess allocated (and zeroed) several. Building is synchronous, so one scratch serves every document.
 */
let scratch = new Int32Array(STRIDE * 4096);
/** A scratch this large (a 20 MB template) is not kept after use. */
const KEEP_SCRATCH = STRIDE * (1 << 18);

export class JsonPositions {
  private lineStarts: number[] | undefined;
  private tape: Int32Array | undefined;
  /** Nodes whose key has an escape sequence (its raw text is not the key); rare, so a set. */
  private escapedKeys: Set<number> | undefined;
  /** Members of the large objects looked up so far: key → node. */
  private readonly members = new Map<number, Map<string, number>>();
  /** The last path looked up (as far as it resolved), and the node of each of its prefixes (root first). */
  private lastPath: readonly (string | number)[] = [];
  private readonly lastNodes: number[] = [0];
  /** The last object searched in place. */
  private lastSearched = -1;
  /** Where a container first opened deeper than `depthLimit` (-1: nowhere), found while building the tape. */
  private beyond = -1;

  /** `depthLimit`: the nesting depth `tooDeep` reports beyond (containers inside the root are at depth 1). */
  constructor(
    private readonly text: string,
    private readonly depthLimit = Number.POSITIVE_INFINITY,
  ) {}

  /**
   * 1-based [line, column] of a container nested deeper than the limit, or undefined. Builds the tape: callers that
   * reject deep documents before walking them recursively learn it from the scan they need anyway for positions.
   */
  tooDeep(): [number, number] | undefined {
    this.tape ??= this.build();
    return this.beyond < 0 ? undefined : this.toLineCol(this.beyond);
  }

  /**
   * 1-based [line, column] of the node at `path`: a member's key, an item's value; the nearest existing ancestor
   * when the path goes further than the document.
   */
  lineCol(path: readonly (string | number)[]): [number, number] {
    this.tape ??= this.build();
    const tape = this.tape;
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
      const c = this.text.charCodeAt(tape[node * STRIDE + START]!);
      let child = -1;
      if (c === OPEN_BRACE) child = this.member(node, String(step));
      else if (c === OPEN_BRACKET && typeof step === 'number') {
        child = tape[node * STRIDE + FIRST_CHILD]!;
        for (let i = 0; i < step && child >= 0; i++) child = tape[child * STRIDE + NEXT_SIBLING]!;
      }
      if (child < 0) break;
      node = child;
      nodes.push(node);
    }
    // A copy (callers may reuse their array), of the steps that resolved.
    this.lastPath = path.slice(0, depth);
    const k = tape[node * STRIDE + KEY]!;
    return this.toLineCol(k >= 0 ? k : tape[node * STRIDE + START]!);
  }

  private member(node: number, name: string): number {
    const cached = this.members.get(node);
    if (cached) return cached.get(name) ?? -1;
    const t = this.text;
    const tape = this.tape!;
    const first = tape[node * STRIDE + FIRST_CHILD]!;
    let children = 0;
    let escaped = false;
    for (let c = first; c >= 0; c = tape[c * STRIDE + NEXT_SIBLING]!) {
      children++;
      if (this.escapedKeys?.has(c)) escaped = true;
    }
    // A small object asked about once is searched in place; asked again (a resource's properties, one after the
    // other), it gets a map like a large one, so n lookups do not cost n searches.
    const again = node === this.lastSearched;
    this.lastSearched = node;
    if (children <= 16 && !escaped && !again) {
      // Small objects (most of them): compare in place, no strings made. Later duplicates win, as in JSON.parse.
      let found = -1;
      for (let c = first; c >= 0; c = tape[c * STRIDE + NEXT_SIBLING]!) {
        const k = tape[c * STRIDE + KEY]!;
        if (tape[c * STRIDE + KEY_END]! - k - 2 === name.length && t.startsWith(name, k + 1)) found = c;
      }
      return found;
    }
    const m = new Map<string, number>();
    for (let c = first; c >= 0; c = tape[c * STRIDE + NEXT_SIBLING]!) {
      const raw = t.slice(tape[c * STRIDE + KEY]! + 1, tape[c * STRIDE + KEY_END]! - 1);
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

  /** The tape, at its exact size; the scratch space is kept for the next document unless it grew huge. */
  private build(): Int32Array {
    const count = this.scan();
    const tape = scratch.slice(0, count * STRIDE);
    if (scratch.length > KEEP_SCRATCH) scratch = new Int32Array(STRIDE * 4096);
    return tape;
  }

  /**
   * One pass over the text into the scratch tape (every value becomes a node linked to its parent's children);
   * returns the number of nodes. Only the loop is here: code after it would run once per document, too rarely for
   * the optimizer to have seen it, and each document would drop back to the interpreter there.
   */
  private scan(): number {
    const t = this.text;
    const n = t.length;
    let tape = scratch;
    const escapes = t.includes('\\');
    let i = 0;
    while (i < n && isWs(t.charCodeAt(i))) i++;
    tape[START] = i;
    tape[KEY] = -1;
    tape[KEY_END] = -1;
    tape[FIRST_CHILD] = -1;
    tape[NEXT_SIBLING] = -1;
    let count = 1;
    const c0 = t.charCodeAt(i);
    if (c0 === OPEN_BRACE || c0 === OPEN_BRACKET) {
      // Open containers, whether each is an object, and the last child added to each.
      const open: number[] = [0];
      const last: number[] = [-1];
      const isObject: boolean[] = [c0 === OPEN_BRACE];
      let depth = 0;
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
        if (isObject[depth]) {
          keyAt = i;
          keyEnd = this.skipString(i);
          i = keyEnd;
          c = t.charCodeAt(i);
          while (c === 32 || c === COLON || c === 10 || c === 13 || c === 9 || c === 0xfeff) c = t.charCodeAt(++i);
        }
        if ((count + 1) * STRIDE > tape.length) {
          const bigger = new Int32Array(tape.length * 2);
          bigger.set(tape);
          tape = bigger;
          scratch = bigger;
        }
        const child = count++;
        const at = child * STRIDE;
        tape[at + START] = i;
        tape[at + KEY] = keyAt;
        tape[at + KEY_END] = keyEnd;
        tape[at + FIRST_CHILD] = -1;
        tape[at + NEXT_SIBLING] = -1;
        // Keys are short: finding an escape in them once here spares every lookup the check (none to find in a
        // document without a backslash, the usual case).
        for (let j = escapes ? keyAt + 1 : keyEnd; j < keyEnd - 1; j++) {
          if (t.charCodeAt(j) === BACKSLASH) {
            this.escapedKeys ??= new Set();
            this.escapedKeys.add(child);
            break;
          }
        }
        const prev = last[depth]!;
        if (prev < 0) tape[parent * STRIDE + FIRST_CHILD] = child;
        else tape[prev * STRIDE + NEXT_SIBLING] = child;
        last[depth] = child;
        const v = c;
        if (v === OPEN_BRACE || v === OPEN_BRACKET) {
          depth++;
          if (depth > this.depthLimit && this.beyond < 0) this.beyond = i;
          open[depth] = child;
          last[depth] = -1;
          isObject[depth] = v === OPEN_BRACE;
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
    return count;
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
