import { closeSync, mkdirSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Bytes of printed text kept in memory by default; beyond, it goes to a scratch file (see TextStore). */
export const DEFAULT_MEMORY_BYTES = 1 << 30;

/**
 * A scratch file for printed text, removed from its folder as soon as it is open: it holds no disk space once the
 * process ends, however it ends. (Where an open file cannot be removed, it is removed on `close`.)
 */
class ScratchFile {
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

  /** Append `bytes`; returns where they start. */
  append(bytes: Uint8Array): number {
    const at = this.size;
    for (let done = 0; done < bytes.length; ) done += writeSync(this.fd, bytes, done, bytes.length - done, at + done);
    this.size += bytes.length;
    return at;
  }

  /** `length` bytes from `offset`, in a buffer of their own. */
  read(offset: number, length: number): Buffer {
    const out = Buffer.allocUnsafe(length);
    for (let done = 0; done < length; ) {
      const n = readSync(this.fd, out, done, length - done, offset + done);
      if (n === 0) throw new Error('report scratch file ended early');
      done += n;
    }
    return out;
  }

  close(): void {
    closeSync(this.fd);
    if (!this.removed) rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * The printed text of a large json report, batch by batch: in memory up to a budget, in a scratch file beyond it,
 * so a scan that prints more than the machine's memory still finishes (a 10,000-template scan prints about 1 GB).
 * The scratch file goes beside the report when given a folder (the system's temporary folder may be memory-backed);
 * if it cannot be written, text stays in memory.
 */
export class TextStore {
  /** Each text: in memory, or its offset in the scratch file. */
  private readonly texts: (Uint8Array | number)[] = [];
  private inMemory = 0;
  private scratch: ScratchFile | undefined;
  private scratchFailed = false;

  constructor(
    private readonly memoryBytes = DEFAULT_MEMORY_BYTES,
    private readonly scratchDir?: string,
  ) {}

  /** Keep `text`; returns its index. */
  put(text: Uint8Array): number {
    if (this.inMemory + text.length > this.memoryBytes && !this.scratchFailed) {
      try {
        this.scratch ??= new ScratchFile(this.scratchDir);
        return this.texts.push(this.scratch.append(text)) - 1;
      } catch {
        // No room for the scratch file (or none allowed): keep the text in memory.
        this.scratchFailed = true;
      }
    }
    this.inMemory += text.length;
    return this.texts.push(text) - 1;
  }

  /** Bytes `start` to `end` of text `index`: a view of text in memory, a fresh buffer read from the scratch file. */
  slice(index: number, start: number, end: number): Buffer {
    const t = this.texts[index]!;
    if (typeof t === 'number') return this.scratch!.read(t + start, end - start);
    return Buffer.from(t.buffer, t.byteOffset + start, end - start);
  }

  /** Texts kept in the scratch file. */
  get spilled(): number {
    let n = 0;
    for (const t of this.texts) if (typeof t === 'number') n++;
    return n;
  }

  /** Close and remove the scratch file. */
  dispose(): void {
    const s = this.scratch;
    this.scratch = undefined;
    try {
      s?.close();
    } catch {
      // Already gone.
    }
  }
}
