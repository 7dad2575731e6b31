/**
 * `steward guard serve --workers N`: N gateway processes sharing one port through node:cluster (the primary accepts
 * connections and hands them round-robin to the workers). One Node process uses one core for JavaScript; the
 * gateway's work is CPU-bound (HTTP parsing, JSON, scanners), so on a machine with spare cores more workers serve
 * more requests. Each worker is a whole gateway: its own audit batch (appended to the same file), metrics and, with
 * the memory limit store, its own rate-limit counters (use `--redis` to share them).
 */
import cluster, { type Worker } from 'node:cluster';
import type { PolicyDocument } from '../policy/schema.js';

/** Messages a worker sends its primary. */
export type WorkerMessage = { type: 'listening'; url: string } | { type: 'failed'; message: string };

export interface ClusterOptions {
  workers: number;
  /** Called once, when every worker listens. */
  onListening(url: string): void;
  /** One line for the operator (stderr). */
  log(line: string): void;
}

/** Whether this process is a gateway worker started by `runPrimary`. */
export function isGatewayWorker(): boolean {
  return cluster.isWorker;
}

/** Tells the primary this worker listens (or could not start). */
export function reportToPrimary(message: WorkerMessage): void {
  process.send?.(message);
}

/**
 * Forks the workers (each re-runs the same command line), waits until all listen, forwards SIGINT/SIGTERM to them
 * and resolves when all have exited after a signal. Rejects when a worker fails to start; a worker that dies later is
 * replaced.
 */
export function runPrimary(options: ClusterOptions): Promise<NodeJS.Signals> {
  return new Promise((resolve, reject) => {
    let listening = 0;
    let started = false;
    let stopping: NodeJS.Signals | undefined;
    const live = new Set<Worker>();

    const fork = () => {
      const worker = cluster.fork();
      live.add(worker);
      worker.on('message', (m: WorkerMessage) => {
        if (m.type === 'failed') return fail(m.message);
        if (m.type === 'listening' && ++listening === options.workers && !started) {
          started = true;
          options.onListening(m.url);
        }
      });
      worker.once('exit', (code, signal) => {
        live.delete(worker);
        if (stopping) {
          if (live.size === 0) resolve(stopping);
          return;
        }
        if (!started) return fail(`a gateway worker exited with ${code ?? signal} before it listened`);
        options.log(`steward guard: worker ${worker.process.pid} exited with ${code ?? signal}; starting another`);
        fork();
      });
    };

    const fail = (message: string) => {
      if (stopping) return;
      stopping = 'SIGTERM';
      for (const w of live) w.kill('SIGTERM');
      reject(new Error(message));
    };

    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      if (stopping) return;
      stopping = signal;
      options.log(`steward guard: ${signal}: stopping ${live.size} workers (each finishes its in-flight requests)`);
      for (const w of live) w.process.kill(signal);
      if (live.size === 0) resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    for (let i = 0; i < options.workers; i++) fork();
  });
}

/** Whether the policy counts requests or tokens (per-process counters unless a shared store is used). */
export function usesLimitCounters(document: PolicyDocument): boolean {
  const layers = [document, ...Object.values(document.routes), ...Object.values(document.apiKeys)];
  return layers.some(
    (l) =>
      l.limits?.requestsPerMinute !== undefined ||
      l.limits?.tokensPerMinute !== undefined ||
      l.limits?.tokenBudget !== undefined,
  );
}
