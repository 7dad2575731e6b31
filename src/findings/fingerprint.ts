import * as crypto from 'node:crypto';
import type { Finding } from './finding.js';

/** One-shot hashing (Node ≥ 20.12) skips a Hash object per call; a report can fingerprint a million findings. */
const sha256Hex: (text: string) => string =
  typeof crypto.hash === 'function'
    ? (text) => crypto.hash('sha256', text, 'hex')
    : (text) => crypto.createHash('sha256').update(text).digest('hex');

/**
 * A fingerprint that survives line moves: rule + resource type + id + file.
 * Used by baselines and SARIF partialFingerprints so a finding keeps its identity between runs.
 */
export function fingerprint(f: Pick<Finding, 'ruleId' | 'resource'>): string {
  const r = f.resource;
  // `?? ''` as Array.join would: the key must not change for findings fingerprinted before.
  return sha256Hex(`${f.ruleId ?? ''}\u0000${r.type ?? ''}\u0000${r.id ?? ''}\u0000${r.file ?? ''}`).slice(0, 32);
}
