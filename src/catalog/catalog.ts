import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { z } from 'zod';
import { UserError } from '../util/errors.js';
import { packageRoot } from '../util/package-root.js';
import { loadYamlFile } from '../util/yaml-file.js';
import {
  type Control,
  ControlSchema,
  type Framework,
  type FrameworkId,
  FrameworkSchema,
  type Requirement,
  type ScopingMatrix,
  ScopingMatrixSchema,
} from './schema.js';

const ControlFileSchema = z.strictObject({ controls: z.array(ControlSchema).min(1) });

export interface Catalog {
  controls: Control[];
  frameworks: Framework[];
  matrix: ScopingMatrix;
  control(id: string): Control | undefined;
  framework(id: string): Framework | undefined;
  /** Resolve a requirement id or one of its aliases (e.g. `LLM06:2023`) inside a framework. */
  requirement(frameworkId: FrameworkId, idOrAlias: string): Requirement | undefined;
  /** Controls that map to a requirement. */
  controlsFor(frameworkId: FrameworkId, requirementId: string): Control[];
}

export function defaultCatalogDir(): string {
  return join(packageRoot(), 'data', 'catalog');
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort()
    .map((f) => join(dir, f));
}

/** Load and cross-check the catalog: every id unique, every mapping names a requirement that exists. */
export function loadCatalog(dir = defaultCatalogDir()): Catalog {
  const rel = (f: string) => relative(process.cwd(), f) || f;
  const frameworks = yamlFiles(join(dir, 'frameworks')).map((f) => loadYamlFile(f, FrameworkSchema, rel(f)));
  const controls: Control[] = [];
  const controlFile = new Map<string, string>();
  for (const f of yamlFiles(join(dir, 'controls'))) {
    for (const c of loadYamlFile(f, ControlFileSchema, rel(f)).controls) {
      const prev = controlFile.get(c.id);
      if (prev) throw new UserError(`${rel(f)}: control id "${c.id}" is already defined in ${prev}`, rel(f));
      controlFile.set(c.id, rel(f));
      controls.push(c);
    }
  }
  const matrixFile = join(dir, 'scoping-matrix.yaml');
  const matrix = loadYamlFile(matrixFile, ScopingMatrixSchema, rel(matrixFile));

  const fwById = new Map<string, Framework>();
  const reqIndex = new Map<string, Map<string, Requirement>>();
  for (const fw of frameworks) {
    if (fwById.has(fw.id)) throw new UserError(`framework "${fw.id}" is defined twice`);
    fwById.set(fw.id, fw);
    const index = new Map<string, Requirement>();
    for (const r of fw.requirements) {
      for (const key of [r.id, ...r.aliases]) {
        if (index.has(key)) throw new UserError(`framework ${fw.id}: requirement id "${key}" is defined twice`);
        index.set(key, r);
      }
    }
    reqIndex.set(fw.id, index);
  }

  const byRequirement = new Map<string, Control[]>();
  for (const c of controls) {
    const file = controlFile.get(c.id);
    const entries = Object.entries(c.mappings) as [FrameworkId, string[]][];
    if (entries.length === 0) throw new UserError(`${file}: control "${c.id}" maps to no framework requirement`, file);
    for (const [fwId, reqIds] of entries) {
      const index = reqIndex.get(fwId);
      if (!index) throw new UserError(`${file}: control "${c.id}" maps to unknown framework "${fwId}"`, file);
      for (const r of reqIds) {
        const req = index.get(r);
        if (!req || req.id !== r)
          throw new UserError(
            `${file}: control "${c.id}" maps to "${r}", which framework ${fwId} does not define`,
            file,
          );
        const key = `${fwId}\u0000${r}`;
        byRequirement.set(key, [...(byRequirement.get(key) ?? []), c]);
      }
    }
  }
  const byId = new Map(controls.map((c) => [c.id, c]));

  return {
    controls,
    frameworks,
    matrix,
    control: (id) => byId.get(id),
    framework: (id) => fwById.get(id),
    requirement: (fw, id) => reqIndex.get(fw)?.get(id) ?? reqIndex.get(fw)?.get(id.toUpperCase()),
    controlsFor: (fw, req) => byRequirement.get(`${fw}\u0000${req}`) ?? [],
  };
}

let shared: Catalog | undefined;
/** The bundled catalog, loaded once per process. */
export function bundledCatalog(): Catalog {
  shared ??= loadCatalog();
  return shared;
}
