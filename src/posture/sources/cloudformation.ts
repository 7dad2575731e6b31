import { type Assumptions, ConditionModel } from '../conditions.js';
import type { RawResource, Resource, SourceFormat, SourcePosition, Template } from '../graph.js';
import { type Chooser, rawPathOf, resolveProperties } from '../variants.js';
import { collectRefs, findUnknownFunction, intrinsicFromTag } from './intrinsics.js';
import { JsonPositions } from './json-positions.js';
import { applyGlobals, globalsSection, SAM_TRANSFORM } from './sam-globals.js';
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
  return Object.values(res).some(
    (r) => r && typeof r === 'object' && typeof (r as { Type?: unknown }).Type === 'string',
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
      const positions = new JsonPositions(text);
      const lineCol = (path: readonly (string | number)[]) => positions.lineCol(path);
      checkDepth(value, lineCol);
      return { value, lineCol };
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

/** JSON.parse accepts any depth; the walks that follow recurse, so bound it here with a clear message. */
function checkDepth(value: unknown, lineCol: PositionedValue['lineCol']): void {
  const path: (string | number)[] = [];
  const walk = (v: unknown, depth: number): void => {
    if (depth > MAX_DEPTH) throw new SourceParseError(`nesting deeper than ${MAX_DEPTH} levels`, ...lineCol(path));
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const x = v[i];
        if (x && typeof x === 'object') {
          path.push(i);
          walk(x, depth + 1);
          path.pop();
        }
      }
    } else if (v && typeof v === 'object') {
      for (const k in v) {
        const x = (v as Record<string, unknown>)[k];
        if (x && typeof x === 'object') {
          path.push(k);
          walk(x, depth + 1);
          path.pop();
        }
      }
    }
  };
  walk(value, 0);
}

function transformsOf(root: Record<string, unknown>): string[] {
  const t = root.Transform;
  const list = Array.isArray(t) ? t : t === undefined ? [] : [t];
  return list.filter((x): x is string => typeof x === 'string');
}

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
    private readonly at: (path: readonly (string | number)[]) => SourcePosition,
    private readonly choose: Chooser,
  ) {}

  get position(): SourcePosition {
    this.pos ??= this.at(['Resources', this.id]);
    return this.pos;
  }

  positionOf(path: readonly (string | number)[]): SourcePosition {
    return this.raw.positionAt(rawPathOf(this.raw.properties, path, this.choose));
  }
}

/**
 * Parse one CloudFormation template (YAML or JSON, short-form tags included, SAM too) into resources with
 * positions. Statically known conditions are applied: `Fn::If`s they decide are replaced by the chosen branch,
 * `AWS::NoValue` is removed, and a resource whose own Condition is false is left out (listed in `skipped`).
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
  const parameters = asRecord(root.Parameters) as Template['parameters'];
  const conditions = asRecord(root.Conditions);
  const model = new ConditionModel(conditions, parameters, opts.assume);
  const choose: Chooser = (name) => model.staticValue(name);
  const transforms = transformsOf(root);
  const globals = transforms.includes(SAM_TRANSFORM) ? asRecord(root.Globals) : undefined;

  const resources: Resource[] = [];
  const skipped: { id: string; reason: string }[] = [];
  for (const [id, value] of Object.entries(asRecord(root.Resources))) {
    // AWS::LanguageExtensions loops generate resources at deploy time; their bodies are templates, not resources.
    if (id.startsWith('Fn::ForEach::')) {
      skipped.push({ id, reason: 'Fn::ForEach loop (expanded at deploy time)' });
      continue;
    }
    const r = asRecord(value);
    if (typeof r.Type !== 'string') {
      throw new SourceParseError(`resource ${id} has no Type`, ...parsed.lineCol(['Resources', id]));
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
    const raw: RawResource = {
      properties: rawProps,
      positionAt: (path) =>
        // Values that came from SAM Globals point at the Globals section.
        section && typeof path[0] === 'string' && !(path[0] in own)
          ? at(['Globals', section, ...path])
          : at(['Resources', id, 'Properties', ...path]),
    };
    const properties = resolveProperties(rawProps, choose);
    const metadata = asRecord(r.Metadata);
    const dependsOn = (Array.isArray(r.DependsOn) ? r.DependsOn : r.DependsOn ? [r.DependsOn] : []).map(String);
    // From the properties with decided conditions applied: a branch that is never taken references nothing.
    const refs = collectRefs(properties);
    for (const d of dependsOn) refs.add(d);
    refs.delete(id);
    const cdkPath = metadata['aws:cdk:path'];
    const constructPath = typeof cdkPath === 'string' ? cdkPath : opts.constructPaths?.[id];
    const res = new CfnResource(
      id,
      r.Type,
      properties,
      metadata,
      dependsOn,
      [...refs],
      constructPath ? 'cdk' : format,
      raw,
      at,
      choose,
    );
    if (condition) res.condition = condition;
    if (constructPath) res.constructPath = constructPath;
    resources.push(res);
  }
  const t: Template = {
    file,
    format,
    parameters,
    conditions,
    mappings: asRecord(root.Mappings),
    resources,
    conditionModel: model,
  };
  if (skipped.length) t.skipped = skipped;
  if (transforms.length) t.transforms = transforms;
  return t;
}
