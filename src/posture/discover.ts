import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { displayPath } from '../util/display-path.js';
import { UserError } from '../util/errors.js';
import { isCloudAssembly, readCloudAssembly } from './sources/cdk-assembly.js';

const TEMPLATE_EXTENSIONS = new Set(['.yaml', '.yml', '.json', '.template']);
const SKIP_DIRS = new Set(['node_modules', '.git', 'steward-report', '.terraform', 'dist', 'coverage']);
/** JSON files that are never templates: not worth reading in a big tree. */
const NOT_TEMPLATES =
  /^(package(-lock)?\.json|tsconfig(\..+)?\.json|cdk(\.context)?\.json|tree\.json|.+\.assets\.json)$/i;

export interface DiscoveredFile {
  absolute: string;
  /** Relative to the root it was found under, forward slashes: what reports show. */
  display: string;
  /** Set for stack templates named by a CDK cloud assembly manifest. */
  cdk?: { stackName: string; constructPaths: Record<string, string> };
}

/**
 * Files that may hold templates under the given paths, in a stable order. A folder holding a CDK cloud assembly
 * (`manifest.json`) contributes exactly the stack templates its manifest names. Missing paths are a usage error.
 */
export function discoverTemplateFiles(paths: readonly string[], root = process.cwd()): DiscoveredFile[] {
  const out: DiscoveredFile[] = [];
  const seen = new Set<string>();
  const displayOf = (absolute: string) => displayPath(absolute, root);
  const add = (absolute: string, cdk?: DiscoveredFile['cdk']) => {
    if (seen.has(absolute)) return;
    seen.add(absolute);
    out.push({ absolute, display: displayOf(absolute), ...(cdk ? { cdk } : {}) });
  };
  const addAssembly = (dir: string): boolean => {
    const stacks = isCloudAssembly(dir) ? readCloudAssembly(dir) : undefined;
    if (!stacks) return false;
    for (const s of stacks) add(s.absolute, { stackName: s.stackName, constructPaths: s.constructPaths });
    return true;
  };
  const walk = (dir: string) => {
    if (addAssembly(dir)) return;
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      if (e.name.startsWith('.') && e.name !== '.') continue;
      const full = join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) walk(full);
      } else if (e.isFile() && TEMPLATE_EXTENSIONS.has(extname(e.name).toLowerCase()) && !NOT_TEMPLATES.test(e.name))
        add(full);
    }
  };
  for (const p of paths) {
    const absolute = join(p.startsWith('/') ? '' : root, p);
    let st: ReturnType<typeof statSync>;
    try {
      st = statSync(absolute);
    } catch {
      throw new UserError(`${p}: no such file or directory`, p);
    }
    if (st.isDirectory()) walk(absolute);
    else if (basename(absolute) === 'manifest.json' && addAssembly(dirname(absolute))) continue;
    else add(absolute);
  }
  return out;
}
