import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../../util/package-root.js';
import { DEFAULT_MODEL_PATH, MODEL_FORMAT, modelFromFile, quantiseWeights } from './model.js';

const shipped = JSON.parse(readFileSync(join(packageRoot(), ...DEFAULT_MODEL_PATH), 'utf8'));
const edited = (edit: (m: typeof shipped) => void) => {
  const copy = structuredClone(shipped);
  edit(copy);
  return copy;
};

describe('model file', () => {
  it('loads the shipped file: per-head features, a window only on the document head, int8 weights', () => {
    const m = modelFromFile(shipped, 'shipped');
    expect(shipped.format).toBe(MODEL_FORMAT);
    expect(m.prompt.features).toMatchObject({ charMin: 4, charMax: 4 });
    expect(m.document.features).toMatchObject({ charMin: 3, charMax: 5 });
    expect(m.prompt.window).toBeUndefined();
    expect(m.document.window).toEqual({ size: 320, stride: 160 });
    expect(m.prompt.weights).toBeInstanceOf(Int8Array);
    expect(m.prompt.weights.length).toBe(m.prompt.features.dim);
  });

  it('names the file and the field when the file is from another format or inconsistent', () => {
    expect(() =>
      modelFromFile(
        edited((m) => (m.format = 'steward/prompt-injection-model@1')),
        'old.json',
      ),
    ).toThrow(/old\.json: invalid prompt-injection model at 'format'.*npm run train:injection/);
    expect(() =>
      modelFromFile(
        edited((m) => (m.heads.prompt.features.charMin = 9)),
        'x.json',
      ),
    ).toThrow(
      /x\.json: invalid prompt-injection model at 'heads\.prompt\.features\.charMin': charMin must not exceed charMax/,
    );
    expect(() =>
      modelFromFile(
        edited((m) => (m.heads.document.weights = 'AAAA')),
        'y.json',
      ),
    ).toThrow(/y\.json: prompt-injection model head 'document' has 3 weights, expected features\.dim = 262144/);
  });

  it('quantises weights to int8 with one scale', () => {
    const q = quantiseWeights(Float64Array.from([0.5, -1, 0.25, 0]));
    expect(q.scale).toBeCloseTo(1 / 127);
    expect([...new Int8Array(Buffer.from(q.weights, 'base64'))]).toEqual([64, -127, 32, 0]);
  });
});
