/**
 * The shipped classifier: `data/guard/prompt-injection-model.json`, written by `scripts/train-injection-model.mjs`.
 * Weights are int8 (base64) with one scale factor per head, which keeps the file small and loses nothing measurable;
 * they stay int8 in memory (256 KiB per head, cache-sized). The file is read once, synchronously, the first time a
 * policy creates the scanner (policy load, not request time), from the package folder: no network, no download.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { UserError } from '../../../util/errors.js';
import { packageRoot } from '../../../util/package-root.js';
import type { LinearModel } from './classifier.js';

export const MODEL_FORMAT = 'steward/prompt-injection-model@2';

const Thresholds = z.strictObject({ low: z.number(), medium: z.number(), high: z.number() });

const Features = z
  .strictObject({
    dim: z
      .number()
      .int()
      .positive()
      .max(2 ** 30)
      .refine((d) => (d & (d - 1)) === 0, 'must be a power of two'),
    charMin: z.number().int().min(1),
    charMax: z.number().int().min(1).max(16),
    wordBigrams: z.boolean(),
  })
  .refine((f) => f.charMin <= f.charMax, { message: 'charMin must not exceed charMax', path: ['charMin'] });

const Head = z.strictObject({
  /** Each head has its own features: user turns and documents are best served by different n-gram sets. */
  features: Features,
  /**
   * Windows of a long text are scored too and the highest logit wins, so one injected paragraph is not diluted by
   * the rest of a document. Absent: the text is scored as a whole.
   */
  window: z.strictObject({ size: z.number().int().positive(), stride: z.number().int().positive() }).optional(),
  bias: z.number(),
  scale: z.number().positive(),
  /** Base64 of `features.dim` signed bytes; weight = byte × scale. */
  weights: z.string(),
  /**
   * Evidence thresholds (classifier logit + heuristic weights) at which the scanner reports 0.5, one per
   * sensitivity, chosen on held-out benign training rows for a target false-positive rate.
   */
  thresholds: Thresholds,
});

export const ModelFile = z.object({
  format: z.literal(MODEL_FORMAT),
  /**
   * `prompt` scores user and system turns; `document` scores retrieved documents and tool results, where an
   * innocuous-looking instruction ("write a poem…") is itself the attack. Different training rows and settings.
   */
  heads: z.strictObject({ prompt: Head, document: Head }),
  /** Facts about the training run (data, seed, sizes, calibration metrics); informational. */
  training: z.record(z.string(), z.unknown()).optional(),
});
export type ModelFile = z.infer<typeof ModelFile>;
export type HeadName = keyof ModelFile['heads'];

export interface HeadModel extends LinearModel {
  thresholds: z.infer<typeof Thresholds>;
}

export interface InjectionModel {
  prompt: HeadModel;
  document: HeadModel;
  training?: Record<string, unknown>;
}

export const DEFAULT_MODEL_PATH = ['data', 'guard', 'prompt-injection-model.json'] as const;

const retrain = 'Re-create it with `npm run train:injection`.';

/** Builds the runtime model from the parsed file contents; throws `UserError` naming `source` when malformed. */
export function modelFromFile(raw: unknown, source: string): InjectionModel {
  const parsed = ModelFile.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UserError(
      `${source}: invalid prompt-injection model at '${issue.path.join('.') || '(root)'}': ${issue.message}. ${retrain}`,
      source,
    );
  }
  const m = parsed.data;
  const head = (name: HeadName): HeadModel => {
    const h = m.heads[name];
    const bytes = Buffer.from(h.weights, 'base64');
    if (bytes.length !== h.features.dim) {
      throw new UserError(
        `${source}: prompt-injection model head '${name}' has ${bytes.length} weights, expected features.dim = ` +
          `${h.features.dim}. ${retrain}`,
        source,
      );
    }
    // A copy, not a view: small decoded buffers can share Node's pool with unrelated data.
    const weights = new Int8Array(bytes.length);
    weights.set(new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length));
    return {
      features: h.features,
      // Always present (undefined when absent): both heads then share one object shape, so the scan's hot
      // functions stay monomorphic when a policy scans user turns and documents alike (measured 1.5× slower when not).
      window: h.window,
      weights,
      scale: h.scale,
      bias: h.bias,
      thresholds: h.thresholds,
    };
  };
  return { prompt: head('prompt'), document: head('document'), ...(m.training ? { training: m.training } : {}) };
}

/** Quantises float weights to the file's int8 form: returns base64 and the scale. */
export function quantiseWeights(weights: Float32Array | Float64Array): { weights: string; scale: number } {
  let max = 0;
  for (const w of weights) max = Math.max(max, Math.abs(w));
  const scale = max > 0 ? max / 127 : 1;
  const q = new Int8Array(weights.length);
  for (let i = 0; i < weights.length; i++) q[i] = Math.max(-127, Math.min(127, Math.round(weights[i]! / scale)));
  return { weights: Buffer.from(q.buffer).toString('base64'), scale };
}

const cache = new Map<string, InjectionModel>();

/** Loads (once per path) the model shipped in the package, or the file at `path`. */
export function loadInjectionModel(path?: string): InjectionModel {
  const file = path ?? join(packageRoot(), ...DEFAULT_MODEL_PATH);
  const cached = cache.get(file);
  if (cached) return cached;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UserError(
      `${file}: cannot read the prompt-injection model (${(e as NodeJS.ErrnoException).code ?? String(e)}). ` +
        `It ships in the package under data/guard/. ${retrain}`,
      file,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new UserError(`${file}: prompt-injection model is not valid JSON (${(e as Error).message}).`, file);
  }
  const model = modelFromFile(raw, file);
  cache.set(file, model);
  return model;
}
