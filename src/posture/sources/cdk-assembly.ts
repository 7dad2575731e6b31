import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * A CDK cloud assembly (`cdk.out`): `manifest.json` lists the artifacts `cdk synth` wrote. Steward scans the
 * CloudFormation stack templates it names and nothing else in the folder (asset manifests, `tree.json`, staged
 * assets), and maps logical ids back to construct paths through the `aws:cdk:logicalId` metadata entries.
 */

export interface CdkStackTemplate {
  /** Absolute path of `<Stack>.template.json`. */
  absolute: string;
  stackName: string;
  /** Logical id → construct path, without the leading slash (as `aws:cdk:path` writes it). */
  constructPaths: Record<string, string>;
}

interface Artifact {
  type?: string;
  displayName?: string;
  properties?: { templateFile?: string; directoryName?: string };
  metadata?: Record<string, unknown>;
  additionalMetadataFile?: string;
}

const STACK = 'aws:cloudformation:stack';
const NESTED_ASSEMBLY = 'cdk:cloud-assembly';

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** True when a folder holds a cloud assembly manifest. */
export function isCloudAssembly(dir: string): boolean {
  const file = join(dir, 'manifest.json');
  if (!existsSync(file)) return false;
  const m = readJson(file) as { artifacts?: unknown; version?: unknown } | undefined;
  return !!m && typeof m.version === 'string' && !!m.artifacts && typeof m.artifacts === 'object';
}

function constructPaths(metadata: unknown, into: Record<string, string>): void {
  if (!metadata || typeof metadata !== 'object') return;
  for (const [path, entries] of Object.entries(metadata)) {
    if (!Array.isArray(entries)) continue;
    for (const e of entries) {
      const entry = e as { type?: unknown; data?: unknown };
      if (entry?.type === 'aws:cdk:logicalId' && typeof entry.data === 'string' && !(entry.data in into)) {
        into[entry.data] = path.replace(/^\//, '');
      }
    }
  }
}

/**
 * The stack templates of a cloud assembly, in manifest order, nested assemblies (CDK stages) included.
 * Undefined when the folder has no readable manifest.
 */
export function readCloudAssembly(dir: string, seen = new Set<string>()): CdkStackTemplate[] | undefined {
  const root = resolve(dir);
  if (seen.has(root)) return [];
  seen.add(root);
  const manifest = readJson(join(root, 'manifest.json')) as { artifacts?: Record<string, Artifact> } | undefined;
  if (!manifest?.artifacts || typeof manifest.artifacts !== 'object') return undefined;
  const out: CdkStackTemplate[] = [];
  for (const [name, a] of Object.entries(manifest.artifacts)) {
    if (!a || typeof a !== 'object') continue;
    if (a.type === STACK && typeof a.properties?.templateFile === 'string') {
      const paths: Record<string, string> = {};
      constructPaths(a.metadata, paths);
      // Newer CDK versions move large metadata to a side file.
      if (typeof a.additionalMetadataFile === 'string')
        constructPaths(readJson(join(root, a.additionalMetadataFile)), paths);
      out.push({
        absolute: join(root, a.properties.templateFile),
        stackName: a.displayName ?? name,
        constructPaths: paths,
      });
    } else if (a.type === NESTED_ASSEMBLY && typeof a.properties?.directoryName === 'string') {
      out.push(...(readCloudAssembly(join(root, a.properties.directoryName), seen) ?? []));
    }
  }
  return out;
}
