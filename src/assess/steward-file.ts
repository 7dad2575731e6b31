import { existsSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { z } from 'zod';
import { WorkloadProfileSchema } from '../catalog/workload-profile.js';
import { SEVERITIES } from '../findings/finding.js';
import { UserError } from '../util/errors.js';
import { loadYamlFile, parseYamlWithPositions } from '../util/yaml-file.js';

export const STEWARD_FILE = 'steward.yaml';

/** `steward.yaml` at the root of a workload folder: the profile and run settings the files cannot tell. */
export const StewardFileSchema = z.strictObject({
  workload: WorkloadProfileSchema.partial({ name: true }).default({
    frameworks: [],
    dataCategories: [],
    domains: [],
    outputs: { legalRecord: false, safetyCritical: false, highLiability: false },
    regions: [],
  }),
  failOn: z.enum(SEVERITIES).optional(),
  /** Baseline file, relative to the workload folder. */
  baseline: z.string().optional(),
  /** The runtime guard's policy, relative to the workload folder; default: the first of guard-coverage.ts's candidates. */
  guard: z.strictObject({ policy: z.string().min(1) }).optional(),
});
export type StewardFile = z.infer<typeof StewardFileSchema>;

export interface LoadedStewardFile {
  file?: string;
  config: StewardFile;
  /** The workload's name: declared, or the folder's name. */
  name: string;
}

/** Read `steward.yaml` if present; a malformed one is a UserError naming file, line and field. */
export function loadStewardFile(dir: string, displayDir: string): LoadedStewardFile {
  const file = join(dir, STEWARD_FILE);
  if (!existsSync(file)) {
    const config = StewardFileSchema.parse({});
    return { config, name: basename(dir) };
  }
  const display = join(displayDir, STEWARD_FILE);
  const config = loadYamlFile(file, StewardFileSchema, display);
  const policy = config.guard?.policy;
  if (policy !== undefined && !existsSync(resolve(dir, policy))) {
    // Only on this error path is the file parsed again, for the line to point at.
    const line = parseYamlWithPositions(readFileSync(file, 'utf8'), display).lineOf(['guard', 'policy']);
    throw new UserError(
      `${display}${line ? `:${line}` : ''}: guard.policy: file not found: ${policy} (paths are relative to the ` +
        'workload folder); fix the path or remove the key',
      display,
    );
  }
  return { file: display, config, name: config.workload.name ?? basename(dir) };
}
