import { createHash } from 'node:crypto';
import type { Finding } from './finding.js';

/**
 * A fingerprint that survives line moves: rule + resource type + id + file.
 * Used by baselines and SARIF partialFingerprints so a finding keeps its identity between runs.
 */
export function fingerprint(f: Pick<Finding, 'ruleId' | 'resource'>): string {
  const key = [f.ruleId, f.resource.type, f.resource.id, f.resource.file ?? ''].join('\u0000');
  return createHash('sha256').update(key).digest('hex').slice(0, 32);
}
