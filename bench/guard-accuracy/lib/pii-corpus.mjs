// The mixed throughput corpus of the PII bench: synthetic rows, NER test sentences and every prompt-injection
// train/test text, cycled row by row until the wanted size (UTF-8 bytes). Deterministic: same seed, same rows.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatePiiRows } from '../pii-synth.mjs';

export const readJsonl = (path) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));

export function mixedCorpus(dataDir, mb, { seed = 7, perEntity = 300 } = {}) {
  const pool = [
    ...generatePiiRows({ seed, perEntity }).map((r) => r.text),
    ...readJsonl(join(dataDir, 'pii/uner_en_ewt.jsonl'))
      .filter((r) => r.split === 'test')
      .map((r) => r.text),
    ...readJsonl(join(dataDir, 'pii/wnut17.jsonl'))
      .filter((r) => r.split === 'test')
      .map((r) => r.text),
    ...readJsonl(join(dataDir, 'prompt-injection/train.jsonl')).map((r) => r.text),
    ...readJsonl(join(dataDir, 'prompt-injection/test.jsonl')).map((r) => r.text),
  ];
  const rows = [];
  let bytes = 0;
  for (let i = 0; bytes < mb * 1e6; i++) {
    const text = pool[i % pool.length];
    rows.push(text);
    bytes += Buffer.byteLength(text);
  }
  return { rows, bytes };
}
