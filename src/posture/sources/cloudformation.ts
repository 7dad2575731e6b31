import type { Resource, SourceFormat, SourcePosition, Template } from '../graph.js';
import { collectRefs, intrinsicFromTag } from './intrinsics.js';
import { parseWithPositions, SourceParseError } from './yaml-ast.js';

export { SourceParseError };

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

/**
 * Parse one CloudFormation template (YAML or JSON, short-form tags included) into resources with positions.
 * Returns undefined when the document parses but is not a template; throws SourceParseError on bad input.
 */
export function parseCloudFormation(
  text: string,
  file: string,
  format: SourceFormat = 'cloudformation',
): Template | undefined {
  const parsed = parseWithPositions(text, { tag: intrinsicFromTag });
  if (!looksLikeTemplate(parsed.value)) return undefined;
  const root = parsed.value as Record<string, unknown>;
  const pos = (path: readonly (string | number)[]): SourcePosition => {
    const [line, column] = parsed.lineCol(path);
    return { file, line, column };
  };
  const resources: Resource[] = [];
  for (const [id, raw] of Object.entries(asRecord(root.Resources))) {
    const r = asRecord(raw);
    if (typeof r.Type !== 'string') {
      throw new SourceParseError(`resource ${id} has no Type`, ...parsed.lineCol(['Resources', id]));
    }
    const properties = asRecord(r.Properties);
    const metadata = asRecord(r.Metadata);
    const dependsOn = (Array.isArray(r.DependsOn) ? r.DependsOn : r.DependsOn ? [r.DependsOn] : []).map(String);
    const refs = collectRefs(properties);
    for (const d of dependsOn) refs.add(d);
    refs.delete(id);
    const cdkPath = metadata['aws:cdk:path'];
    resources.push({
      id,
      type: r.Type,
      properties,
      metadata,
      condition: typeof r.Condition === 'string' ? r.Condition : undefined,
      dependsOn,
      refs: [...refs],
      position: pos(['Resources', id]),
      format: typeof cdkPath === 'string' ? 'cdk' : format,
      constructPath: typeof cdkPath === 'string' ? cdkPath : undefined,
      positionOf: (path) => pos(['Resources', id, 'Properties', ...path]),
    });
  }
  return {
    file,
    format,
    parameters: asRecord(root.Parameters) as Template['parameters'],
    conditions: asRecord(root.Conditions),
    mappings: asRecord(root.Mappings),
    resources,
  };
}
