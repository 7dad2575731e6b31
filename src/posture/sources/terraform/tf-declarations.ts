import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, posix, relative, resolve, sep } from 'node:path';
import { parseTraversal, splitModule } from './address.js';
import type { TfResource } from './plan.js';
import { isRec, rec, str } from './records.js';
import { resourceBlocks } from './tf-blocks.js';
import { type SuppressionComment, suppressionsIn } from './tf-comments.js';

/** A `.tf` file larger than this is not read for comments (a plan's own size limit is checked by the scanner). */
const MAX_TF_BYTES = 20 * 1024 * 1024;

/** The `.tf` file declaring a resource block, where, and the suppression comments that go with the block. */
export interface Declaration {
  /** The `.tf` file as reports show it (beside the plan's display path). */
  file: string;
  /** 1-based line and column of the block's `resource` keyword. */
  line: number;
  column: number;
  suppressions: SuppressionComment[];
}

/**
 * The `.tf` configuration a plan came from: the plan's folder is the root module, and each local module call
 * (`source = "./modules/x"`, resolved from the calling module's folder) adds its folder. Remote modules (registry,
 * git) are not read. Folders are read on first use, and a missing or unreadable file is skipped, never an error.
 */
export class TfDeclarations {
  private readonly dirs = new Map<string, string>();
  private readonly byDir = new Map<string, Map<string, Declaration>>();

  /**
   * @param planPath absolute path of the plan file
   * @param planDisplay the plan's path as reports show it: `.tf` paths are shown relative to the same place
   * @param configuration the plan's `configuration` section
   */
  constructor(
    private readonly planPath: string,
    private readonly planDisplay: string,
    configuration: unknown,
  ) {
    this.walk(rec(rec(configuration).root_module), '', dirname(planPath), 0);
  }

  private walk(module: Record<string, unknown>, callPath: string, dir: string, depth: number): void {
    if (depth > 32 || this.dirs.has(callPath)) return;
    this.dirs.set(callPath, dir);
    for (const [call, spec] of Object.entries(rec(module.module_calls))) {
      const source = str(rec(spec).source);
      // Terraform reads a source as a local path only when it starts with ./ or ../
      if (!source || !/^\.\.?[\\/]/.test(source)) continue;
      const child = rec(spec).module;
      this.walk(isRec(child) ? child : {}, callPath ? `${callPath}/${call}` : call, resolve(dir, source), depth + 1);
    }
  }

  /** The block declaring a resource of the plan (every `count` / `for_each` instance shares its block). */
  of(r: TfResource): Declaration | undefined {
    const steps = r.module ? parseTraversal(r.module) : undefined;
    return this.find(steps ? splitModule(steps).callPath : '', r.type, r.name);
  }

  /** The block declaring a managed resource of module `callPath` (`app/store`, '' for the root). */
  find(callPath: string, type: string, name: string): Declaration | undefined {
    const dir = this.dirs.get(callPath);
    return dir === undefined ? undefined : this.index(dir).get(`${type}\u0000${name}`);
  }

  private index(dir: string): Map<string, Declaration> {
    let found = this.byDir.get(dir);
    if (found) return found;
    found = new Map();
    this.byDir.set(dir, found);
    for (const file of tfFiles(dir)) {
      const text = readSmall(file);
      if (text === undefined) continue;
      const shown = this.display(file);
      for (const b of resourceBlocks(text)) {
        const key = `${b.type}\u0000${b.name}`;
        if (found.has(key)) continue; // Terraform rejects duplicates; the first one stands
        found.set(key, {
          file: shown,
          line: b.line,
          column: b.column,
          suppressions: b.comments.flatMap(suppressionsIn),
        });
      }
    }
    return found;
  }

  /** A `.tf` path shown the way the plan is: relative like it, or absolute when it lies outside. */
  private display(file: string): string {
    const absolute = file.split(sep).join('/');
    if (isAbsolute(this.planDisplay)) return absolute;
    const rel = relative(dirname(this.planPath), file).split(sep).join('/');
    const shown = posix.normalize(posix.join(posix.dirname(this.planDisplay), rel));
    return shown === '..' || shown.startsWith('../') ? absolute : shown;
  }
}

/** `*.tf` files of a folder, sorted (Terraform reads them in name order too); none when it cannot be listed. */
function tfFiles(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((name) => name.endsWith('.tf'))
      .sort()
      .map((name) => join(dir, name));
  } catch {
    return [];
  }
}

function readSmall(file: string): string | undefined {
  try {
    if (statSync(file).size > MAX_TF_BYTES) return undefined;
    const text = readFileSync(file, 'utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    return undefined;
  }
}
