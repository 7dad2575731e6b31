import type { Span } from '../../types.js';

/**
 * AWS access key ids: a 4-letter type prefix + 16 base32 characters (A–Z, 2–7). Only prefixes of credentials are
 * reported: AKIA (IAM user key), ASIA (STS temporary key), ABIA (STS service bearer), ACCA (context-specific). AIDA,
 * AROA, AGPA… are user/role/group ids, not secrets. There is no public checksum to validate.
 */
const ACCESS_KEY_ID = /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}\b/g;
/** 40 base64 characters not inside a longer base64 run. */
const SECRET_KEY = /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;
const SECRET_CUE = /(?:aws_?secret(?:_access)?_?key|secret_?access_?key|secretkey|aws_secret)["'\s]*[:=]?\s*["']?$/i;

export function detectAws(text: string, out: Span[]): void {
  const keyIds: number[] = [];
  ACCESS_KEY_ID.lastIndex = 0;
  for (let m = ACCESS_KEY_ID.exec(text); m !== null; m = ACCESS_KEY_ID.exec(text)) {
    out.push({ start: m.index, end: m.index + m[0].length, entity: 'AWS_ACCESS_KEY', score: 0.95 });
    keyIds.push(m.index);
  }
  const hasCue = /secret/i.test(text);
  if (keyIds.length === 0 && !hasCue) return;
  SECRET_KEY.lastIndex = 0;
  for (let m = SECRET_KEY.exec(text); m !== null; m = SECRET_KEY.exec(text)) {
    const value = m[0];
    // A real secret key mixes cases and digits; a 40-character word or hex hash does not.
    if (!/[a-z]/.test(value) || !/[A-Z]/.test(value) || !/[0-9/+]/.test(value)) continue;
    const cue = hasCue && SECRET_CUE.test(text.slice(Math.max(0, m.index - 48), m.index));
    const nearKeyId = keyIds.some((k) => Math.abs(k - m.index) <= 200);
    if (!cue && !nearKeyId) continue;
    out.push({ start: m.index, end: m.index + value.length, entity: 'AWS_SECRET_KEY', score: cue ? 0.95 : 0.85 });
  }
}
