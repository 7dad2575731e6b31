import { readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { errorMessage, UserError } from '../util/errors.js';
import type { Finding } from './finding.js';

export const BASELINE_FILE = '.steward-baseline.json';

const BaselineEntrySchema = z.strictObject({
  ruleId: z.string().min(1),
  resourceType: z.string(),
  resourceId: z.string(),
  file: z.string().optional(),
  reason: z.string().min(1, 'every baseline entry needs a reason'),
});

const BaselineSchema = z.strictObject({
  version: z.literal(1),
  createdAt: z.string(),
  entries: z.array(BaselineEntrySchema),
});
export type Baseline = z.infer<typeof BaselineSchema>;
export type BaselineEntry = z.infer<typeof BaselineEntrySchema>;

/** Key a finding is matched on: rule + resource + file, so line moves do not break the match. */
function matchKey(ruleId: string, type: string, id: string, file: string | undefined): string {
  return [ruleId, type, id, file ?? ''].join('\u0000');
}

export function createBaseline(findings: readonly Finding[], reason: string, now = new Date()): Baseline {
  const seen = new Set<string>();
  const entries: BaselineEntry[] = [];
  for (const f of findings) {
    if (f.status !== 'fail' || f.suppression) continue;
    const key = matchKey(f.ruleId, f.resource.type, f.resource.id, f.resource.file);
    if (seen.has(key)) continue;
    seen.add(key);
    entries.push({
      ruleId: f.ruleId,
      resourceType: f.resource.type,
      resourceId: f.resource.id,
      ...(f.resource.file ? { file: f.resource.file } : {}),
      reason,
    });
  }
  return { version: 1, createdAt: now.toISOString(), entries };
}

export function readBaseline(file: string): Baseline {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(
      `${file}: ${code === 'ENOENT' ? 'baseline file not found' : `not a valid baseline (${errorMessage(e)})`}`,
      file,
    );
  }
  const parsed = BaselineSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UserError(`${file}: ${issue.path.join('.') || '(root)'}: ${issue.message}`, file);
  }
  return parsed.data;
}

export function writeBaseline(file: string, baseline: Baseline): void {
  writeFileSync(file, `${JSON.stringify(baseline, null, 2)}\n`);
}

/**
 * Mark failing findings that the baseline accepts as suppressed (never drop them), and report baseline entries
 * that no longer match anything so they can be cleaned up.
 */
export function applyBaseline(findings: Finding[], baseline: Baseline, source: string): { stale: BaselineEntry[] } {
  const byKey = new Map(baseline.entries.map((e) => [matchKey(e.ruleId, e.resourceType, e.resourceId, e.file), e]));
  const used = new Set<BaselineEntry>();
  for (const f of findings) {
    if (f.status !== 'fail' || f.suppression) continue;
    const e = byKey.get(matchKey(f.ruleId, f.resource.type, f.resource.id, f.resource.file));
    if (!e) continue;
    used.add(e);
    f.suppression = { kind: 'baseline', reason: e.reason, source };
  }
  return { stale: baseline.entries.filter((e) => !used.has(e)) };
}
