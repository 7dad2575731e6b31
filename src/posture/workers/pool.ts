import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { RenderSpec } from '../../findings/reporters/rendered-findings.js';
import type { Assumptions } from '../conditions.js';
import type { DiscoveredFile } from '../discover.js';
import type { UnitResult } from '../scan-unit.js';
import { decodeBatch, type WireBatch } from './serialize.js';

/** Everything a worker needs to rebuild the unit options (rules travel by id: functions cannot be posted). */
export interface WorkerOptions {
  root: string;
  ruleIds: string[];
  includePassed: boolean;
  maxFileBytes: number;
  validateSpec: boolean;
  assume?: Assumptions;
  worldCap?: number;
  discovered: string[];
  render?: RenderSpec;
}

export type WorkerRequest = { id: number; files: DiscoveredFile[] };
export type WorkerReply = { id: number; wire: WireBatch } | { id: number; error: string };

/**
 * The compiled worker script beside this module, if there is one. Worker threads load plain JavaScript, so the
 * parallel scanner only runs from `dist/` (the installed CLI). Running the TypeScript sources (Vitest, ts loaders)
 * there is no `scan-worker.js` next to this file, and the caller scans in-process instead: same results, one core.
 */
export function defaultWorkerScript(): URL | undefined {
  const url = new URL('./scan-worker.js', import.meta.url);
  try {
    return existsSync(fileURLToPath(url)) ? url : undefined;
  } catch {
    return undefined;
  }
}

interface Chunk {
  start: number;
  files: DiscoveredFile[];
}

/**
 * A worker's young generation, larger than V8's default: each template parsed is garbage once scanned, and every
 * collection that runs in the middle of a template copies the part still in use; fewer collections, less copying.
 */
const YOUNG_MB = 96;

/**
 * Chunks each worker holds at once, so it never waits for the main thread to hand out the next one: the main
 * thread only reads replies between its own files, and decoding them is part of its work.
 */
const IN_FLIGHT = 3;

/** Most files per chunk sent to a worker, and per chunk the main thread scans between handling replies. */
const WORKER_CHUNK = 16;
const MAIN_CHUNK = 2;

const nextTick = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Scan files on `jobs` threads: `jobs - 1` worker threads plus the main thread, which scans chunks itself between
 * handling replies (results it scans need no copying, and on a two-core machine a third busy thread would only
 * compete). Chunks go to whoever is free; each result goes to `onUnit` with its file index as it arrives (and is not
 * kept here: a large scan's results are held only as long as the caller holds them), so the caller can merge them
 * in file order whatever N is. Chunks of a worker that dies are scanned on the main thread, so no file is lost.
 */
export async function runInWorkers(
  files: readonly DiscoveredFile[],
  options: WorkerOptions,
  jobs: number,
  script: URL | string,
  local: (file: DiscoveredFile) => UnitResult,
  onUnit: (index: number, unit: UnitResult) => void,
): Promise<void> {
  const received = new Uint8Array(files.length);
  let cursor = 0;
  /** The next chunk: large while much is left, smaller toward the end, so every thread finishes about together. */
  const take = (most: number): Chunk | undefined => {
    const left = files.length - cursor;
    if (left <= 0) return undefined;
    const size = Math.max(1, Math.min(most, Math.ceil(left / (jobs * 8))));
    const chunk = { start: cursor, files: files.slice(cursor, cursor + size) };
    cursor += size;
    return chunk;
  };
  let failure: unknown;
  const store = (start: number, units: UnitResult[]) => {
    units.forEach((u, k) => {
      received[start + k] = 1;
      onUnit(start + k, u);
    });
  };
  const runLocally = (chunk: Chunk) => store(chunk.start, chunk.files.map(local));

  const pending = new Set<Promise<void>>();
  const startWorker = () => {
    const worker = new Worker(script, { workerData: options, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_MB } });
    const inFlight = new Map<number, Chunk>();
    let closed = false;
    let settle: () => void = () => {};
    const done = new Promise<void>((resolve) => {
      settle = resolve;
    });
    const close = () => {
      if (closed) return;
      closed = true;
      void worker.terminate();
      settle();
    };
    const feed = () => {
      while (!closed && inFlight.size < IN_FLIGHT) {
        const chunk = take(WORKER_CHUNK);
        if (!chunk) break;
        inFlight.set(chunk.start, chunk);
        worker.postMessage({ id: chunk.start, files: chunk.files } satisfies WorkerRequest);
      }
      if (inFlight.size === 0) close();
    };
    worker.on('message', (reply: WorkerReply) => {
      const chunk = inFlight.get(reply.id);
      if (!chunk) return;
      inFlight.delete(reply.id);
      try {
        if ('error' in reply) runLocally(chunk);
        else store(chunk.start, decodeBatch(reply.wire));
      } catch (e) {
        failure ??= e;
      }
      feed();
    });
    const lost = () => {
      if (closed) return;
      closed = true;
      // Whatever the dead worker held is scanned here.
      try {
        for (const chunk of inFlight.values()) runLocally(chunk);
      } catch (e) {
        failure ??= e;
      }
      inFlight.clear();
      settle();
    };
    worker.on('error', lost);
    worker.on('exit', lost);
    feed();
    pending.add(done);
  };

  for (let i = 0; i < Math.max(1, jobs - 1) && cursor < files.length; i++) startWorker();
  // The main thread takes its share in small chunks, yielding between them so worker replies are handled (and
  // workers refed) promptly.
  for (let chunk = take(MAIN_CHUNK); chunk; chunk = take(MAIN_CHUNK)) {
    runLocally(chunk);
    await nextTick();
  }
  await Promise.all(pending);
  if (failure) throw failure;
  for (let i = 0; i < files.length; i++) if (!received[i]) onUnit(i, local(files[i]!));
}
