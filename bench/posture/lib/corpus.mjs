// Deterministic corpus of synthesised-looking CloudFormation templates for AI workloads. Template i depends only on
// (seed, i), so a corpus can be regenerated, extended or sampled without generating the rest.

import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { base, FILLERS, WEIGHTED_BLOCKS } from './blocks.mjs';
import { makeRng, mixSeed } from './rng.mjs';
import { StackBuilder } from './stack-builder.mjs';

/** Bump when the generator's output changes, so an old corpus on disk is regenerated rather than reused. */
export const GENERATOR_VERSION = 1;
export const MIN_RESOURCES = 20;
export const MAX_RESOURCES = 200;
const PER_DIR = 1000;
const INFO_FILE = '.generated.json';

const WORKLOADS = ['SupportChatbot', 'DocSearch', 'FraudScoring', 'CodeAssistant', 'ClaimsTriage', 'Summarizer'];

/** Template `index` of the corpus with `seed`: its relative path, resource count and JSON document. */
export function generateTemplate(seed, index) {
  const rng = makeRng(mixSeed(seed, index));
  const stackName = `${rng.pick(WORKLOADS)}Stack${String(index).padStart(5, '0')}`;
  // Templates range from careful to careless; each setting is then drawn against this template's hygiene.
  const b = new StackBuilder(rng, stackName, 0.3 + rng.next() * 0.65);
  const target = rng.int(MIN_RESOURCES, MAX_RESOURCES);
  base.build(b);
  while (b.count < target) {
    const room = target - b.count;
    const block = rng.weighted(WEIGHTED_BLOCKS.filter(([blk]) => blk.max <= room));
    (block ?? rng.pick(FILLERS)).build(b);
  }
  const dir = `d${String(Math.floor(index / PER_DIR)).padStart(2, '0')}`;
  return {
    path: join(dir, `${stackName}.template.json`),
    resources: b.count,
    template: b.toTemplate(`${stackName}: generated AI workload for the Steward posture benchmark`),
  };
}

/** The info file of a corpus folder, or undefined when there is none. */
export function readCorpusInfo(out) {
  const file = join(out, INFO_FILE);
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Write `count` templates under `out` (subfolders of 1,000, like several cdk.out folders side by side), unless the
 * folder already holds exactly this corpus. Returns the corpus info: count, seed, files, resources.
 */
export function ensureCorpus({ count, seed, out, force = false, onProgress }) {
  const have = readCorpusInfo(out);
  if (!force && have && have.count === count && have.seed === seed && have.generatorVersion === GENERATOR_VERSION)
    return { ...have, reused: true };
  rmSync(out, { recursive: true, force: true });
  const files = [];
  let resources = 0;
  for (let i = 0; i < count; i++) {
    const t = generateTemplate(seed, i);
    const file = join(out, t.path);
    if (i % PER_DIR === 0) mkdirSync(join(file, '..'), { recursive: true });
    // One-space indentation, as `cdk synth` writes.
    writeFileSync(file, `${JSON.stringify(t.template, null, 1)}\n`);
    files.push(t.path);
    resources += t.resources;
    if (onProgress && (i + 1) % 500 === 0) onProgress(i + 1, count);
  }
  const info = { generatorVersion: GENERATOR_VERSION, count, seed, resources, files };
  writeFileSync(join(out, INFO_FILE), JSON.stringify(info));
  return { ...info, reused: false };
}

/** `n` indices spread evenly over a corpus of `count`, so a sample covers the whole size range. */
export function sampleIndices(count, n) {
  const k = Math.min(n, count);
  return Array.from({ length: k }, (_, i) => Math.floor((i * count) / k));
}
