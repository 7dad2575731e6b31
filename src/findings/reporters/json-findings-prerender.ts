import { closeSync, mkdirSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareFindings, type Finding, severityRank } from '../finding.js';
import { pushJsonFinding } from './json-finding-text.js';

/** Bytes per chunk of rendered findings. */
const CHUNK_BYTES = 1 << 16;

/** Bytes per chunk read back from the scratch file for writing. */
const READ_BYTES = 1 << 20;

/** Between two findings of the json report's array (each rendered finding starts with it; see `stripFirst`). */
const SEPARATOR = ',\n';

/**
 * Render findings as the json report's findings array prints them, into UTF-8 chunks handed to `sink`: each finding
 * preceded by `,\n<indent>` (callers drop the separator of the array's first finding). With `reuse`, the sink must
 * be done with a chunk when it returns (it is overwritten next); without, every chunk is a buffer of its own.
 */
class FindingChunkWriter {
  private chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;
  private readonly parts: string[] = [];

  constructor(
    private readonly indent: string,
    private readonly sink: (bytes: Buffer) => void,
    private readonly reuse = false,
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
    if (!this.reuse) this.chunk = Buffer.allocUnsafe(CHUNK_BYTES);
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

/** A run of rendered text in the spill file. */
interface Segment {
  offset: number;
  length: number;
}

/** The bucket a finding (or a bucket) belongs to: its severity and rule. */
const bucketKey = (f: Pick<Finding, 'severity' | 'ruleId'>): string => `${f.severity}\u0000${f.ruleId}`;

/** All findings of one severity and rule: the report's order within it is file, line, resource id. */
interface Bucket {
  severity: Finding['severity'];
  ruleId: string;
  last: Finding | undefined;
  /** Findings of the bucket seen so far, rendered or not. */
  count: number;
  /** Prints the bucket's findings; undefined once a finding arrived out of order. */
  writer: FindingChunkWriter | undefined;
  segments: Segment[];
}

/**
 * A scratch file for rendered text, removed from its folder as soon as it is open: it holds no disk space once the
 * process ends, however it ends. (Where an open file cannot be removed, it is removed on `close`.)
 */
class SpillFile {
  private readonly dir: string;
  private readonly fd: number;
  private size = 0;
  private removed = false;

  constructor(near: string | undefined) {
    if (near) mkdirSync(near, { recursive: true });
    this.dir = mkdtempSync(join(near ?? tmpdir(), '.steward-report-'));
    this.fd = openSync(join(this.dir, 'findings.json.part'), 'w+');
    try {
      rmSync(this.dir, { recursive: true, force: true });
      this.removed = true;
    } catch {
      // Windows: removed on close.
    }
  }

  append(bytes: Buffer): Segment {
    const at = this.size;
    for (let done = 0; done < bytes.length; ) done += writeSync(this.fd, bytes, done, bytes.length - done, at + done);
    this.size += bytes.length;
    return { offset: at, length: bytes.length };
  }

  /** The segment's bytes, in `into` when they fit (a single long piece of text may not). */
  read(s: Segment, into: Buffer): Buffer {
    if (s.length > into.length) into = Buffer.allocUnsafe(s.length);
    let done = 0;
    while (done < s.length) {
      const n = readSync(this.fd, into, done, s.length - done, s.offset + done);
      if (n === 0) throw new Error('report scratch file ended early');
      done += n;
    }
    return into.subarray(0, s.length);
  }

  close(): void {
    closeSync(this.fd);
    if (!this.removed) rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * The json report's findings array, rendered while the scan runs instead of after it. A scan of 10,000 templates
 * reports about a million findings (a gigabyte of JSON); printing them after the scan kept one core busy for
 * seconds while the others idled. Findings arrive template by template; the report orders them by severity, rule,
 * file, line and resource id, so each (severity, rule) gets its own text, appended in arrival order as long as
 * arrival order is report order (files arrive in scan order, and each batch is sorted before it is added). A
 * bucket whose findings arrive out of that order is printed at the end from the findings themselves, so the text
 * is always byte for byte what printing the sorted list gives.
 *
 * The text goes to a scratch file (see the constructor), not memory: a gigabyte of buffers would double the scan's memory and make the
 * garbage collector mark a heap of findings again and again. Rendering starts once more than `above` findings have
 * arrived (a small report is printed the ordinary way). If the scratch file cannot be written, rendering stops
 * and the report is printed the ordinary way.
 */
export class PrerenderedFindings {
  private readonly buckets = new Map<string, Bucket>();
  private pending: Finding[] | undefined = [];
  private seen = 0;
  private spill: SpillFile | undefined;
  private failed = false;

  /**
   * `scratchDir`: where the scratch file goes; the report's own folder is best (the system's temporary folder may
   * be memory-backed, and the scratch file is as large as the findings' part of the report). Default: tmpdir().
   */
  constructor(
    private readonly indent: string,
    private readonly keep: (f: Finding) => boolean,
    private readonly above = 0,
    private readonly scratchDir?: string,
  ) {}

  /** Findings in arrival order (template by template); any that `keep` rejects are left out. */
  add(findings: readonly Finding[]): void {
    const kept = findings.filter(this.keep);
    this.seen += kept.length;
    if (this.failed) return;
    if (this.pending) {
      for (const f of kept) this.pending.push(f);
      if (this.seen <= this.above) return;
      const pending = this.pending;
      this.pending = undefined;
      this.render(pending);
      return;
    }
    this.render(kept);
  }

  private render(findings: Finding[]): void {
    try {
      this.spill ??= new SpillFile(this.scratchDir);
      const spill = this.spill;
      findings.sort(compareFindings);
      for (const f of findings) {
        const key = bucketKey(f);
        let b = this.buckets.get(key);
        if (!b) {
          const segments: Segment[] = [];
          const writer = new FindingChunkWriter(this.indent, (bytes) => segments.push(spill.append(bytes)), true);
          b = { severity: f.severity, ruleId: f.ruleId, last: undefined, count: 0, writer, segments };
          this.buckets.set(key, b);
        }
        b.count++;
        if (!b.writer) continue;
        if (b.last && compareFindings(b.last, f) > 0) {
          b.writer = undefined;
          b.segments.length = 0;
          continue;
        }
        b.last = f;
        b.writer.write(f);
      }
    } catch {
      // No room for the scratch file (or none allowed): print the report the ordinary way.
      this.abandon();
    }
  }

  private abandon(): void {
    this.failed = true;
    this.buckets.clear();
    this.dispose();
  }

  /**
   * The findings array's text for `findings` (the report's findings, in any order), as chunks that stay valid
   * until the one after next is asked for (one write in flight while the next chunk is read); undefined when they
   * are not the findings added (rendering never started or failed, or findings were added or removed since): print
   * them the ordinary way then.
   */
  chunksFor(findings: readonly Finding[]): Iterable<Buffer> | undefined {
    if (this.pending || this.failed || !this.spill || findings.length !== this.seen) return undefined;
    const counts = new Map<string, number>();
    for (const f of findings) {
      const key = bucketKey(f);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    for (const [key, b] of this.buckets) if (counts.get(key) !== b.count) return undefined;
    try {
      for (const b of this.buckets.values()) b.writer?.flush();
    } catch {
      this.abandon();
      return undefined;
    }
    const order = [...this.buckets.values()].sort(
      (a, b) =>
        severityRank(b.severity) - severityRank(a.severity) || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
    );
    // Buckets whose findings arrived out of order are printed from the findings: gather theirs in one pass.
    const redo = new Map<string, Finding[]>();
    for (const [key, b] of this.buckets) if (!b.writer) redo.set(key, []);
    if (redo.size > 0) for (const f of findings) redo.get(bucketKey(f))?.push(f);
    const spill = this.spill;
    const indent = this.indent;
    return stripFirst(
      (function* () {
        // Segments are read into the larger of two buffers in turn (fewer, larger writes); a chunk is still
        // being written while the next one is read.
        const buffers = [Buffer.allocUnsafe(READ_BYTES), Buffer.allocUnsafe(READ_BYTES)];
        let turn = 0;
        let used = 0;
        for (const b of order) {
          if (b.writer) {
            for (const s of b.segments) {
              if (used + s.length > READ_BYTES && used > 0) {
                yield buffers[turn]!.subarray(0, used);
                turn ^= 1;
                used = 0;
              }
              if (s.length > READ_BYTES) yield spill.read(s, buffers[turn]!);
              else used += spill.read(s, buffers[turn]!.subarray(used)).length;
            }
            continue;
          }
          if (used > 0) {
            yield buffers[turn]!.subarray(0, used);
            turn ^= 1;
            used = 0;
          }
          // Sorted as the whole list would be (the sort is stable, and these keep the list's relative order).
          yield* printedFindings(redo.get(bucketKey(b))!.sort(compareFindings), indent);
        }
        if (used > 0) yield buffers[turn]!.subarray(0, used);
      })(),
    );
  }

  /** Close and remove the scratch file. */
  dispose(): void {
    const spill = this.spill;
    this.spill = undefined;
    try {
      spill?.close();
    } catch {
      // Already gone.
    }
  }
}
