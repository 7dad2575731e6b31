import { type Assumptions, ConditionModel } from '../conditions.js';
import type { RawResource, Resource, SourceFormat, SourcePosition, Template } from '../graph.js';
import { type Chooser, rawPathOf, resolveProperties } from '../variants.js';
import { expandSection, hasLoop, LANGUAGE_EXTENSIONS, Origins } from './for-each.js';
import { collectRefs, findUnknownFunction, intrinsicFromTag } from './intrinsics.js';
import { JsonPositions } from './json-positions.js';
import { type PassedParameter, rememberPinnedParameters } from './nested-stacks.js';
import { applyGlobals, globalsSection, SAM_TRANSFORM } from './sam-globals.js';
import { implicitSamResources } from './sam-implicit.js';
import { type PositionedValue, parseWithPositions, SourceParseError } from './yaml-ast.js';

export { SourceParseError };

/** Same bound as the YAML path: deeper documents are rejected before anything recurses over them. */
const MAX_DEPTH = 256;

/** True when parsed content looks like a CloudFormation (or SAM, or CDK-synthesised) template. */
export function looksLikeTemplate(value: unknown): value is { Resources: Record<string, unknown> } {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  if ('AWSTemplateFormatVersion' in v) return true;
  const res = v.Resources;
  if (!res || typeof res !== 'object' || Array.isArray(res)) return false;
  return Object.entries(res).some(
    ([id, r]) =>
      id.startsWith('Fn::ForEach::') ||
      (r && typeof r === 'object' && typeof (r as { Type?: unknown }).Type === 'string'),
  );
}

const asRecord = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

export interface ParseOptions {
  format?: SourceFormat;
  /** Conditions and parameters the user pinned. */
  assume?: Assumptions;
  /** CDK: logical id → construct path, from the cloud assembly manifest (template metadata wins). */
  constructPaths?: Record<string, string>;
  /** Nested stacks: what the parent passes to this template's parameters (see nested-stacks.ts). */
  parameterValues?: Record<string, PassedParameter>;
}

/**
 * Parse JSON quickly when the text is JSON (what CDK emits): the native parser, and positions only when asked.
 * Anything JSON.parse rejects goes to the YAML parser, which also reads JSON and reports errors with a line.
 */
function parseDocument(text: string): PositionedValue {
  const first = text.charCodeAt(skipBom(text));
  if (first === 123 /* { */) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      value = undefined;
    }
    if (value !== undefined) {
      // JSON.parse accepts any depth; the walks that follow recurse, so bound it here with a clear message. The
      // positions' scan sees the depth (findings need that scan anyway): no walk of the parsed value for it.
      const positions = new JsonPositions(text, MAX_DEPTH);
      const deep = positions.tooDeep();
      if (deep) throw new SourceParseError(`nesting deeper than ${MAX_DEPTH} levels`, ...deep);
      return { value, lineCol: (path) => positions.lineCol(path) };
    }
  }
  return parseWithPositions(text, {
    tag: intrinsicFromTag,
    unknownTag: (tag) => `unknown intrinsic function ${tag}`,
    maxDepth: MAX_DEPTH,
  });
}

function skipBom(text: string): number {
  let i = 0;
  while (i < text.length && /[\s\ufeff]/.test(text[i]!)) i++;
  return i;
}

function transformsOf(root: Record<string, unknown>): string[] {
  const t = root.Transform;
  const list = Array.isArray(t) ? t : t === undefined ? [] : [t];
  return list.filter((x): x is string => typeof x === 'string');
}

type Path = (string | number)[];

/** A parsed resource; its position is looked up on first use (most resources never need it). */
class CfnResource implements Resource {
  private pos: SourcePosition | undefined;
  declare sourceType?: string;
  declare condition?: string;
  declare constructPath?: string;

  constructor(
    readonly id: string,
    readonly type: string,
    readonly properties: Record<string, unknown>,
    readonly metadata: Record<string, unknown>,
    readonly dependsOn: string[],
    readonly refs: string[],
    readonly format: SourceFormat,
    readonly raw: RawResource,
    private readonly locate: () => SourcePosition,
    private readonly choose: Chooser,
  ) {}

  get position(): SourcePosition {
    this.pos ??= this.locate();
    return this.pos;
  }

  positionOf(path: readonly (string | number)[]): SourcePosition {
    return this.raw.positionAt(rawPathOf(this.raw.properties, path, this.choose));
  }
}

/** One resource entry before it becomes a Resource: SAM may add properties and resources in between. */
interface Entry {
  id: string;
  type: string;
  rawProps: unknown;
  condition: string | undefined;
  metadata: Record<string, unknown>;
  dependsOn: string[];
  position(): SourcePosition;
  positionAt(path: readonly (string | number)[]): SourcePosition;
}

/** The template's parameters with the values a parent stack passes as their defaults (unknown ones lose theirs). */
function withPassedValues(
  declared: Template['parameters'],
  passed: Readonly<Record<string, PassedParameter>>,
): Template['parameters'] {
  const out: Template['parameters'] = {};
  for (const [name, decl] of Object.entries(declared)) {
    const given = Object.hasOwn(passed, name) ? passed[name] : undefined;
    let p = decl;
    if (given) {
      const { Default: _ignored, ...rest } = asRecord(decl);
      p = given.value === undefined ? rest : { ...rest, Default: given.value };
    }
    Object.defineProperty(out, name, { value: p, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** Parameter values every deployment of this template uses: passed literally by a parent, or pinned by the user. */
function pinnedValues(
  passed: Readonly<Record<string, PassedParameter>> | undefined,
  user: Readonly<Record<string, string>> | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, p] of Object.entries(passed ?? {})) if (p.fixed && p.value !== undefined) out[name] = p.value;
  // The user's pins win: they describe the deployment being assessed.
  return { ...out, ...user };
}

/**
 * Parse one CloudFormation template (YAML or JSON, short-form tags included, SAM too) into resources with
 * positions. Statically known conditions are applied: `Fn::If`s they decide are replaced by the chosen branch,
 * `AWS::NoValue` is removed, and a resource whose own Condition is false is left out (listed in `skipped`).
 * `Fn::ForEach` loops (AWS::LanguageExtensions) are expanded and SAM's implicit roles and APIs are added.
 * Returns undefined when the document parses but is not a template; throws SourceParseError on bad input.
 */
export function parseCloudFormation(
  text: string,
  file: string,
  options: SourceFormat | ParseOptions = 'cloudformation',
): Template | undefined {
  const opts: ParseOptions = typeof options === 'string' ? { format: options } : options;
  const format = opts.format ?? 'cloudformation';
  const parsed = parseDocument(text);
  if (!looksLikeTemplate(parsed.value)) return undefined;
  const root = parsed.value as Record<string, unknown>;
  const at = (path: readonly (string | number)[]): SourcePosition => {
    const [line, column] = parsed.lineCol(path);
    return { file, line, column };
  };
  for (const section of ['Resources', 'Conditions', 'Outputs'] as const) {
    const bad = findUnknownFunction(root[section]);
    if (bad)
      throw new SourceParseError(`unknown intrinsic function ${bad.name}`, ...parsed.lineCol([section, ...bad.path]));
  }
  const declared = asRecord(root.Parameters) as Template['parameters'];
  const parameters = opts.parameterValues ? withPassedValues(declared, opts.parameterValues) : declared;
  const pins = pinnedValues(opts.parameterValues, opts.assume?.parameters);
  const assume: Assumptions | undefined = Object.keys(pins).length ? { ...opts.assume, parameters: pins } : opts.assume;
  const mappings = asRecord(root.Mappings);
  const transforms = transformsOf(root);
  const skipped: { id: string; reason: string }[] = [];

  let resourcesSection = asRecord(root.Resources);
  let conditions = asRecord(root.Conditions);
  const origins = new Origins();
  let looped = false;
  if (transforms.includes(LANGUAGE_EXTENSIONS)) {
    const ctx = {
      parameterValue: (name: string) =>
        Object.hasOwn(pins, name)
          ? pins[name]
          : Object.hasOwn(parameters, name)
            ? parameters[name]?.Default
            : undefined,
      mappings,
    };
    const expand = (section: Record<string, unknown>, name: string) => {
      if (!hasLoop(section)) return section;
      looped = true;
      const r = expandSection(section, name, ctx, origins);
      for (const p of r.problems)
        skipped.push({ id: p.loop, reason: `line ${parsed.lineCol(p.path)[0]}: not expanded: ${p.message}` });
      return r.value;
    };
    resourcesSection = expand(resourcesSection, 'Resources');
    conditions = expand(conditions, 'Conditions');
  }
  const model = new ConditionModel(conditions, parameters, assume);
  const choose: Chooser = (name) => model.staticValue(name);
  const globals = transforms.includes(SAM_TRANSFORM) ? asRecord(root.Globals) : undefined;

  const entries: Entry[] = [];
  for (const [id, value] of Object.entries(resourcesSection)) {
    const source: Path | undefined = looped ? origins.of(resourcesSection, id) : undefined;
    // Without the transform CloudFormation rejects loops; there is nothing to expand them into.
    if (id.startsWith('Fn::ForEach::')) {
      skipped.push({ id, reason: `Fn::ForEach without the ${LANGUAGE_EXTENSIONS} transform; not expanded` });
      continue;
    }
    const r = asRecord(value);
    if (typeof r.Type !== 'string') {
      throw new SourceParseError(`resource ${id} has no Type`, ...parsed.lineCol(source ?? ['Resources', id]));
    }
    const condition = typeof r.Condition === 'string' ? r.Condition : undefined;
    if (condition && model.staticValue(condition) === false) {
      skipped.push({ id, reason: `condition ${condition} is false` });
      continue;
    }
    const ownProps = r.Properties;
    const rawProps = globals ? applyGlobals(r.Type, ownProps, globals) : ownProps;
    const section = globals && rawProps !== ownProps ? globalsSection(r.Type) : undefined;
    const own = asRecord(ownProps);
    entries.push({
      id,
      type: r.Type,
      rawProps,
      condition,
      metadata: asRecord(r.Metadata),
      dependsOn: (Array.isArray(r.DependsOn) ? r.DependsOn : r.DependsOn ? [r.DependsOn] : []).map(String),
      position: () => at(source ?? ['Resources', id]),
      positionAt: (path) => {
        // Values that came from SAM Globals point at the Globals section.
        if (section && typeof path[0] === 'string' && !(path[0] in own)) return at(['Globals', section, ...path]);
        // Inside a loop body the expanded path differs from the written one: follow the recorded origins.
        if (looped) return at(origins.sourcePath(rawProps, [...(source ?? ['Resources', id]), 'Properties'], path));
        return at(['Resources', id, 'Properties', ...path]);
      },
    });
  }
  if (globals) addSamImplicitResources(entries, globals, at);

  const resources: Resource[] = [];
  for (const e of entries) {
    const properties = resolveProperties(e.rawProps, choose);
    // From the properties with decided conditions applied: a branch that is never taken references nothing.
    const refs = collectRefs(properties);
    for (const d of e.dependsOn) refs.add(d);
    refs.delete(e.id);
    const cdkPath = e.metadata['aws:cdk:path'];
    const constructPath = typeof cdkPath === 'string' ? cdkPath : opts.constructPaths?.[e.id];
    const res = new CfnResource(
      e.id,
      e.type,
      properties,
      e.metadata,
      e.dependsOn,
      [...refs],
      constructPath ? 'cdk' : format,
      { properties: e.rawProps, positionAt: e.positionAt },
      e.position,
      choose,
    );
    if (e.condition) res.condition = e.condition;
    if (constructPath) res.constructPath = constructPath;
    resources.push(res);
  }
  const t: Template = {
    file,
    format,
    parameters,
    conditions,
    mappings,
    resources,
    conditionModel: model,
  };
  if (skipped.length) t.skipped = skipped;
  if (transforms.length) t.transforms = transforms;
  rememberPinnedParameters(t, pins);
  return t;
}

/** Add what the SAM transform generates (see sam-implicit.ts): new entries, and `Role` on functions it gives one. */
function addSamImplicitResources(
  entries: Entry[],
  globals: Record<string, unknown>,
  at: (path: readonly (string | number)[]) => SourcePosition,
): void {
  const sam = entries.filter((e) => e.type.startsWith('AWS::Serverless::'));
  if (!sam.length) return;
  const implicit = implicitSamResources(
    sam.map((e) => ({
      id: e.id,
      type: e.type,
      properties: asRecord(e.rawProps),
      ...(e.condition ? { condition: e.condition } : {}),
      position: e.position,
      positionAt: e.positionAt,
    })),
    globals,
    new Set(entries.map((e) => e.id)),
    at,
  );
  for (const e of entries) {
    const added = implicit.added.get(e.id);
    if (!added) continue;
    const declaredAt = e.positionAt;
    e.rawProps = { ...asRecord(e.rawProps), ...added };
    // A property SAM sets is written nowhere: it points at the resource.
    e.positionAt = (path) => (typeof path[0] === 'string' && path[0] in added ? e.position() : declaredAt(path));
  }
  for (const r of implicit.resources) {
    entries.push({
      id: r.id,
      type: r.type,
      rawProps: r.properties,
      condition: r.condition,
      metadata: r.metadata,
      dependsOn: [],
      position: r.position,
      positionAt: r.positionAt,
    });
  }
}
