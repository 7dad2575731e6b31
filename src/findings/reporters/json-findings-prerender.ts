import { compareText, type Finding, severityRank } from '../finding.js';
import { pushJsonFinding } from './json-finding-text.js';
import { TextStore } from './printed-text-store.js';
import { type RenderedFindings, RUN_STRIDE, SEPARATOR } from './rendered-findings.js';

/** Bytes per chunk of rendered findings. */
const CHUNK_BYTES = 1 << 16;

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

/**
 * All findings of one severity and rule, printed: the report's order within it is file, line, resource id. The
 * text stays in the printed batches it came in (no copy); the bucket lists its runs, one per file, in arrival
 * order. Each run is in report order (a batch is printed in report order), so only the runs may need reordering.
 */
class Bucket {
  /** Per run: the batch's index in `texts`, start and end of the run's text (flattened). */
  private readonly ranges: number[] = [];
  /** Per run: its file. */
  private readonly files: string[] = [];
  /** Runs arrived out of file order: sort them when printing. */
  private unordered = false;
  /** One file's findings came in two runs: the text cannot be put in order. */
  private split = false;

  constructor(
    readonly severity: Finding['severity'],
    readonly ruleId: string,
  ) {}

  /** Append a run of one file's findings: bytes `start` to `end` of text number `text`. */
  append(file: string, text: number, start: number, end: number): void {
    const last = this.files[this.files.length - 1];
    if (last !== undefined) {
      if (last === file) this.split = true;
      else if (compareText(file, last) < 0) this.unordered = true;
    }
    this.files.push(file);
    this.ranges.push(text, start, end);
  }

  /** Run indexes in report order; undefined when one file has two runs (its findings did not arrive together). */
  order(): number[] | undefined {
    if (this.split) return undefined;
    const runs = this.files.map((_, i) => i);
    if (!this.unordered) return runs;
    // Stable, and files are distinct (a file in two runs is `split`).
    runs.sort((x, y) => compareText(this.files[x]!, this.files[y]!));
    for (let i = 1; i < runs.length; i++) if (this.files[runs[i]!] === this.files[runs[i - 1]!]) return undefined;
    return runs;
  }

  /** The text of run `i`. */
  run(i: number, store: TextStore): Buffer {
    const r = this.ranges;
    return store.slice(r[3 * i]!, r[3 * i + 1]!, r[3 * i + 2]!);
  }
}

/**
 * The json report's findings array, assembled while the scan runs from findings printed as they were found (see
 * RenderedFindings: by the worker thread that scanned the template, or by this one). A scan of 10,000 templates
 * reports about a million findings (a gigabyte of JSON); printing them after the scan kept one core busy for
 * seconds while the others idled, and keeping the findings themselves until then made the garbage collector mark a
 * heap of a million objects again and again. The report orders findings by severity, rule, file, line and resource
 * id: each (severity, rule) gets its own text, in runs of one file's findings, put in file order at the end if they
 * arrived out of it. The text is byte for byte what printing the sorted list gives.
 *
 * The text is held in memory, as buffers outside the JavaScript heap (about what the findings took as objects, which
 * nobody keeps now), up to a budget; beyond it, in a scratch file (see TextStore), so memory stays bounded however
 * large the scan.
 */
export class PrerenderedFindings {
  private readonly buckets = new Map<string, Bucket>();
  /** The printed batches' text, kept as they came (in memory up to a budget, then in a scratch file). */
  private readonly store: TextStore;
  private seen = 0;

  /**
   * `memoryBytes`: printed text kept in memory before the rest goes to a scratch file in `scratchDir` (the report's
   * folder is best; default: the system's temporary folder).
   */
  constructor(opts: { memoryBytes?: number; scratchDir?: string } = {}) {
    this.store = new TextStore(opts.memoryBytes, opts.scratchDir);
  }

  /** A printed batch (see renderFindings). */
  add(r: RenderedFindings): void {
    const runs = r.runs;
    if (runs.length === 0) return;
    const text = this.store.put(r.text);
    let start = 0;
    for (let i = 0; i < runs.length; i += RUN_STRIDE) {
      const severity = r.strings[runs[i]!]! as Finding['severity'];
      const ruleId = r.strings[runs[i + 1]!]!;
      const end = runs[i + 3]!;
      const key = `${severity}\u0000${ruleId}`;
      let b = this.buckets.get(key);
      if (!b) {
        b = new Bucket(severity, ruleId);
        this.buckets.set(key, b);
      }
      b.append(r.strings[runs[i + 2]!]!, text, start, end);
      this.seen += runs[i + 4]!;
      start = end;
    }
  }

  /** Findings added. */
  get count(): number {
    return this.seen;
  }

  /**
   * The findings array's text, in report order, as chunks (valid until the next `add`); undefined when a file's
   * findings did not arrive in one batch (never seen: print them the ordinary way then).
   */
  chunks(): Iterable<Buffer> | undefined {
    const order = [...this.buckets.values()].sort(
      (a, b) => severityRank(b.severity) - severityRank(a.severity) || compareText(a.ruleId, b.ruleId),
    );
    const runs = new Map<Bucket, number[]>();
    for (const b of order) {
      const r = b.order();
      if (!r) return undefined;
      runs.set(b, r);
    }
    const store = this.store;
    return stripFirst(
      (function* () {
        for (const b of order) for (const i of runs.get(b)!) yield b.run(i, store);
      })(),
    );
  }

  /** Batches whose text went to the scratch file. */
  get spilled(): number {
    return this.store.spilled;
  }

  /** Remove the scratch file, if any (after the report is written). */
  dispose(): void {
    this.store.dispose();
  }
}
