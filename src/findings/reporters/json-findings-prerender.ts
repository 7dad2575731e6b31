import { compareFindings, compareText, type Finding, severityRank } from '../finding.js';
import { pushJsonFinding } from './json-finding-text.js';

/** Bytes per chunk of rendered findings. */
const CHUNK_BYTES = 1 << 16;

/** Between two findings of the json report's array (each rendered finding starts with it; see `stripFirst`). */
const SEPARATOR = ',\n';

/**
 * Render findings as the json report's findings array prints them, into UTF-8 chunks handed to `sink`: each finding
 * preceded by `,\n<indent>` (callers drop the separator of the array's first finding).
 */
class FindingChunkWriter {
  private chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;
  private readonly parts: string[] = [];

  constructor(
    private readonly indent: string,
    private readonly sink: (bytes: Buffer) => void,
  ) {}

  write(f: Finding): void {
    const parts = this.parts;
    parts.length = 0;
    parts.push(SEPARATOR, this.indent);
    pushJsonFinding(parts, f, this.indent);
    // One write of the joined text: cheaper than a native call per piece (a finding has about fifteen).
    const text = parts.join('');
    // A UTF-16 code unit takes at most 3 bytes of UTF-8: never let `write` cut the text short.
    if (this.used + text.length * 3 > CHUNK_BYTES) {
      this.flush();
      if (text.length * 3 > CHUNK_BYTES) {
        this.sink(Buffer.from(text));
        return;
      }
    }
    this.used += this.chunk.write(text, this.used);
  }

  /** Hand on the chunk being filled. */
  flush(): void {
    if (this.used === 0) return;
    this.sink(this.chunk.subarray(0, this.used));
    this.chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    this.used = 0;
  }
}

/** Findings printed in the order given, chunk by chunk as they fill (a gigabyte of report is never held at once). */
export function* printedFindings(findings: Iterable<Finding>, indent: string): Generator<Buffer> {
  const out: Buffer[] = [];
  const writer = new FindingChunkWriter(indent, (bytes) => out.push(bytes));
  for (const f of findings) {
    writer.write(f);
    if (out.length > 0) yield* out.splice(0);
  }
  writer.flush();
  yield* out;
}

/** Drop the separator in front of the first finding of the array. */
export function* stripFirst(chunks: Iterable<Buffer>): Generator<Buffer> {
  let first = true;
  for (const c of chunks) {
    if (first && c.length > 0) {
      first = false;
      yield c.subarray(SEPARATOR.length);
    } else yield c;
  }
}

/** Bytes per chunk of a bucket's rendered text. */
const BUCKET_CHUNK_BYTES = 1 << 18;

/** The findings of one file within a bucket: a byte range of the bucket's text. */
interface Run {
  file: string;
  start: number;
  end: number;
}

/** The bucket a finding (or a bucket) belongs to: its severity and rule. */
const bucketKey = (f: Pick<Finding, 'severity' | 'ruleId'>): string => `${f.severity}\u0000${f.ruleId}`;

/**
 * All findings of one severity and rule, rendered: the report's order within it is file, line, resource id. The
 * text is kept as a list of runs, one per file, in arrival order; each run is in report order (a template's findings
 * are sorted before they are added), so only the runs may need reordering.
 */
class Bucket {
  /** Findings of the bucket. */
  count = 0;
  /** Bytes of rendered text. */
  size = 0;
  readonly chunks: Buffer[] = [];
  /** Where each chunk starts in the bucket's text. */
  readonly starts: number[] = [];
  readonly runs: Run[] = [];
  /** The last finding rendered, to check that a run stays in report order. */
  last: Finding | undefined;
  /** Runs arrived out of file order: sort them when printing. */
  unordered = false;
  private chunk: Buffer | undefined;
  private used = 0;

  constructor(
    readonly severity: Finding['severity'],
    readonly ruleId: string,
  ) {}

  /** Append a finding's text (the run for its file must be open). */
  write(text: string): void {
    // A UTF-16 code unit takes at most 3 bytes of UTF-8: never let `write` cut the text short.
    if (!this.chunk || this.used + text.length * 3 > this.chunk.length) this.newChunk(text.length * 3);
    const n = this.chunk!.write(text, this.used);
    this.used += n;
    this.size += n;
    this.runs[this.runs.length - 1]!.end = this.size;
  }

  private newChunk(atLeast: number): void {
    this.seal();
    this.chunk = Buffer.allocUnsafe(Math.max(BUCKET_CHUNK_BYTES, atLeast));
    this.used = 0;
  }

  /** Close the chunk being filled (its unused end is not part of the text). */
  seal(): void {
    if (this.chunk && this.used > 0) {
      this.chunks.push(this.chunk.subarray(0, this.used));
      this.starts.push(this.size - this.used);
      this.chunk = this.chunk.subarray(this.used);
      this.used = 0;
    }
  }

  /** The bytes from `start` to `end` of the bucket's text, as slices of its chunks (sealed). */
  *range(start: number, end: number): Generator<Buffer> {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= start) lo = mid;
      else hi = mid - 1;
    }
    for (let i = lo; i < this.chunks.length && this.starts[i]! < end; i++) {
      const from = Math.max(0, start - this.starts[i]!);
      const to = Math.min(this.chunks[i]!.length, end - this.starts[i]!);
      if (to > from) yield this.chunks[i]!.subarray(from, to);
    }
  }
}

/**
 * The json report's findings array, rendered while the scan runs instead of after it. A scan of 10,000 templates
 * reports about a million findings (a gigabyte of JSON); printing them after the scan kept one core busy for
 * seconds while the others idled, and keeping the findings themselves until then made the garbage collector mark a
 * heap of a million objects again and again. Findings arrive template by template; the report orders them by
 * severity, rule, file, line and resource id, so each (severity, rule) gets its own text, in runs of one file's
 * findings, reordered by file at the end if they arrived out of file order. The text is byte for byte what printing
 * the sorted list gives.
 *
 * The text is held in memory, as buffers outside the JavaScript heap: about as much memory as the findings took
 * as objects, which the caller need not keep (the engine's `retainFindings: false`), and no second copy of the
 * report on disk. Rendering starts once more than `above` findings have arrived; until then they are kept, so a
 * small report is printed the ordinary way from `pending`.
 */
export class PrerenderedFindings {
  private readonly buckets = new Map<string, Bucket>();
  private pendingFindings: Finding[] | undefined = [];
  private seen = 0;
  /** A file's findings arrived in two separate runs of a bucket, or out of order: the text cannot be used. */
  private broken = false;
  private readonly parts: string[] = [];

  constructor(
    private readonly indent: string,
    private readonly keep: (f: Finding) => boolean,
    private readonly above = 0,
  ) {}

  /** Findings in arrival order (template by template); any that `keep` rejects are left out. */
  add(findings: readonly Finding[]): void {
    const kept = findings.filter(this.keep);
    this.seen += kept.length;
    if (this.pendingFindings) {
      for (const f of kept) this.pendingFindings.push(f);
      if (this.seen <= this.above) return;
      const pending = this.pendingFindings;
      this.pendingFindings = undefined;
      this.render(pending);
      return;
    }
    this.render(kept);
  }

  /** Findings kept so far (every one kept), while no more than `above` have arrived; undefined after. */
  get pending(): readonly Finding[] | undefined {
    return this.pendingFindings;
  }

  /** Findings kept so far. */
  get count(): number {
    return this.seen;
  }

  private render(findings: Finding[]): void {
    if (this.broken) return;
    findings.sort(compareFindings);
    const parts = this.parts;
    for (const f of findings) {
      const key = bucketKey(f);
      let b = this.buckets.get(key);
      if (!b) {
        b = new Bucket(f.severity, f.ruleId);
        this.buckets.set(key, b);
      }
      b.count++;
      const file = f.resource.file ?? '';
      const run = b.runs[b.runs.length - 1];
      if (!run || run.file !== file) {
        if (run && compareText(file, run.file) < 0) b.unordered = true;
        b.runs.push({ file, start: b.size, end: b.size });
      } else if (b.last && compareFindings(b.last, f) > 0) {
        // Never seen (each template's findings arrive at once, sorted); the caller prints the ordinary way.
        this.broken = true;
        return;
      }
      b.last = f;
      parts.length = 0;
      parts.push(SEPARATOR, this.indent);
      pushJsonFinding(parts, f, this.indent);
      // One write of the joined text: cheaper than a native call per piece (a finding has about fifteen).
      b.write(parts.join(''));
    }
  }

  /**
   * The findings array's text, in report order, as chunks (valid until the next `add`); undefined when rendering
   * never started (see `pending`) or the findings did not arrive a file at a time (print them the ordinary way).
   */
  chunks(): Iterable<Buffer> | undefined {
    if (this.pendingFindings || this.broken) return undefined;
    const order = [...this.buckets.values()].sort(
      (a, b) => severityRank(b.severity) - severityRank(a.severity) || compareText(a.ruleId, b.ruleId),
    );
    for (const b of order) {
      b.seal();
      if (!b.unordered) continue;
      // Stable: runs of equal files keep arrival order, but a file in two runs means its findings were split.
      const runs = [...b.runs].sort((x, y) => compareText(x.file, y.file));
      for (let i = 1; i < runs.length; i++) if (runs[i]!.file === runs[i - 1]!.file) return undefined;
    }
    return stripFirst(
      (function* () {
        for (const b of order) {
          if (!b.unordered) yield* b.chunks;
          else for (const r of [...b.runs].sort((x, y) => compareText(x.file, y.file))) yield* b.range(r.start, r.end);
        }
      })(),
    );
  }
}
