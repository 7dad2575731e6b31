/**
 * The audit sink: one JSON line per request, appended to a file (or stdout). Requests only push the event (or a
 * function that builds it) onto an in-memory batch; a timer builds and serializes the batch and writes it with one
 * `write` and `fdatasync`, so the request path does no I/O and no JSON work, and a crash loses at most one interval.
 * `close()` (clean shutdown) writes and syncs everything queued.
 */
import { type FileHandle, open } from 'node:fs/promises';
import { UserError } from '../../util/errors.js';

export interface AuditLogOptions {
  /** How often queued lines are written and synced (ms). */
  flushIntervalMs?: number;
  /** Queued events that trigger a write before the interval. */
  flushEvents?: number;
  /** Called on a failed write (the lines stay queued and are retried). */
  onError?: (e: Error) => void;
  /** Called with the number of lines each successful write persisted. */
  onWritten?: (lines: number) => void;
}

/** Lines kept queued while the file cannot be written; beyond this the oldest are dropped and counted. */
const MAX_QUEUED_BYTES = 64 * 1024 * 1024;
/** Events not yet serialized beyond which a write starts before the interval (bounds memory at high rates). */
const DEFAULT_FLUSH_EVENTS = 2048;

/**
 * Events serialized between two turns of the event loop. Building and serializing a line costs a few µs; a batch at
 * 3,000 req/s holds 600 of them, and doing them in one go would stall every request in flight for milliseconds.
 */
const SERIALIZE_CHUNK = 64;

/** An audit event, or a function that builds it when the batch is written (off the request's path). */
export type AuditEntry = object | (() => object);

export class AuditLog {
  /** Events written since the last flush, not serialized yet. */
  private pending: AuditEntry[] = [];
  /** Serialized lines a failed write left behind, retried first. */
  private queue: string[] = [];
  private queuedBytes = 0;
  private writing: Promise<void> = Promise.resolve();
  private readonly timer: NodeJS.Timeout;
  private closed = false;
  /** Lines dropped because the queue overflowed while writes failed. */
  dropped = 0;

  private constructor(
    private readonly sink: FileHandle | NodeJS.WritableStream,
    /** Path of the file, or `-` for stdout. */
    readonly target: string,
    private readonly options: AuditLogOptions,
  ) {
    this.timer = setInterval(() => void this.flush(), options.flushIntervalMs ?? 200);
    this.timer.unref();
  }

  /** Opens (creating if needed) `file` for appending; stdout when `file` is undefined or `-`. */
  static async open(file: string | undefined, options: AuditLogOptions = {}): Promise<AuditLog> {
    if (file === undefined || file === '-') return new AuditLog(process.stdout, '-', options);
    try {
      return new AuditLog(await open(file, 'a'), file, options);
    } catch (e) {
      throw new UserError(`${file}: cannot open the audit log for appending: ${(e as Error).message}`, file);
    }
  }

  /** Queues one event (built and serialized at the next write). Never blocks or throws on I/O. */
  write(event: AuditEntry): void {
    if (this.closed) return;
    if (this.pending.push(event) === (this.options.flushEvents ?? DEFAULT_FLUSH_EVENTS)) void this.flush();
  }

  /** Writes and syncs everything queued so far; resolves when it is on disk. */
  flush(): Promise<void> {
    this.writing = this.writing.then(() => this.writeQueued());
    return this.writing;
  }

  /** Stops the timer, writes and syncs the queue, closes the file. Events written after this are ignored. */
  async close(): Promise<void> {
    if (this.closed) return this.writing;
    this.closed = true;
    clearInterval(this.timer);
    await this.flush();
    if (this.isFile(this.sink)) await this.sink.close();
  }

  private async writeQueued(): Promise<void> {
    await this.serializePending();
    if (this.queue.length === 0) return;
    const lines = this.queue;
    const data = lines.join('');
    this.queue = [];
    this.queuedBytes = 0;
    try {
      if (this.isFile(this.sink)) {
        await this.sink.appendFile(data);
        await this.sink.datasync();
      } else {
        const out = this.sink;
        await new Promise<void>((resolve, reject) => out.write(data, (e) => (e ? reject(e) : resolve())));
      }
      this.options.onWritten?.(lines.length);
    } catch (e) {
      this.requeue(lines, data.length);
      this.options.onError?.(e as Error);
    }
  }

  private async serializePending(): Promise<void> {
    if (this.pending.length === 0) return;
    const pending = this.pending;
    this.pending = [];
    for (let i = 0; i < pending.length; i++) {
      if (i > 0 && i % SERIALIZE_CHUNK === 0) await new Promise<void>((resolve) => setImmediate(resolve));
      const entry = pending[i]!;
      let line: string;
      try {
        line = `${JSON.stringify(typeof entry === 'function' ? entry() : entry)}\n`;
      } catch (e) {
        // One event that cannot be built (a bug) must not cost the others their line.
        this.options.onError?.(e as Error);
        continue;
      }
      this.queue.push(line);
      this.queuedBytes += line.length;
    }
  }

  private requeue(lines: string[], bytes: number): void {
    this.queue = lines.concat(this.queue);
    this.queuedBytes += bytes;
    while (this.queuedBytes > MAX_QUEUED_BYTES && this.queue.length > 0) {
      this.queuedBytes -= this.queue.shift()!.length;
      this.dropped++;
    }
  }

  private isFile(sink: FileHandle | NodeJS.WritableStream): sink is FileHandle {
    return 'datasync' in sink;
  }
}
