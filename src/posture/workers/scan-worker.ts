import { parentPort, workerData } from 'node:worker_threads';
import { allRules } from '../rules/index.js';
import { scanUnit, type UnitOptions } from '../scan-unit.js';
import type { WorkerOptions, WorkerReply, WorkerRequest } from './pool.js';
import { BatchEncoder } from './serialize.js';

/** A scan worker thread: rebuilds the unit options once, then scans each chunk of files it is sent. */

const options = workerData as WorkerOptions;
const byId = new Map(allRules.map((r) => [r.id, r]));
const unitOptions: UnitOptions = {
  root: options.root,
  rules: options.ruleIds.map((id) => {
    const rule = byId.get(id);
    if (!rule) throw new Error(`unknown rule ${id}`);
    return rule;
  }),
  includePassed: options.includePassed,
  maxFileBytes: options.maxFileBytes,
  validateSpec: options.validateSpec,
  assume: options.assume,
  worldCap: options.worldCap,
  discovered: new Set(options.discovered),
  render: options.render,
};

parentPort?.on('message', (req: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    const batch = new BatchEncoder();
    for (const f of req.files) batch.add(scanUnit(f, unitOptions));
    reply = { id: req.id, wire: batch.finish() };
  } catch (e) {
    reply = { id: req.id, error: e instanceof Error ? e.message : String(e) };
  }
  // Printed findings move to the main thread rather than being copied.
  parentPort?.postMessage(reply, 'wire' in reply ? reply.wire.rendered.map((r) => r.text.buffer as ArrayBuffer) : []);
});
