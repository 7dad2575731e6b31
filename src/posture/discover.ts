import { readdirSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { UserError } from '../util/errors.js';

const TEMPLATE_EXTENSIONS = new Set(['.yaml', '.yml', '.json', '.template']);
const SKIP_DIRS = new Set(['node_modules', '.git', 'steward-report', '.terraform', 'dist', 'coverage']);

export interface DiscoveredFile {
  absolute: string;
  /** Relative to the root it was found under, forward slashes: what reports show. */
  display: string;
}

/** Files that may hold templates under the given paths, in a stable order. Missing paths are a usage error. */
export function discoverTemplateFiles(paths: readonly string[], root = process.cwd()): DiscoveredFile[] {
  const out: DiscoveredFile[] = [];
  const seen = new Set<string>();
  const add = (absolute: string) => {
    if (seen.has(absolute)) return;
    seen.add(absolute);
    out.push({ absolute, display: relative(root, absolute).split(sep).join('/') || absolute });
  };
  const walk = (dir: string) => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      if (e.name.startsWith('.') && e.name !== '.') continue;
      const full = join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) walk(full);
      } else if (e.isFile() && TEMPLATE_EXTENSIONS.has(extname(e.name).toLowerCase())) add(full);
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
    else add(absolute);
  }
  return out;
}
