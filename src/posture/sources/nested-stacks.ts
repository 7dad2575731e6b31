import { dirname, isAbsolute, resolve } from 'node:path';
import type { Resource, Template } from '../graph.js';
import { isIntrinsic } from './intrinsics.js';

export interface NestedTemplateRef {
  /** The AWS::CloudFormation::Stack or AWS::Serverless::Application resource. */
  stack: Resource;
  /** Absolute path of the child template. */
  path: string;
  /** The property (or metadata key) the path came from, for messages and positions. */
  property: string;
  /** What the stack's `Parameters` property passes to the child, by parameter name. */
  parameters: Record<string, PassedParameter>;
}

/** A value a parent stack passes to one of its child's parameters. */
export interface PassedParameter {
  /** The value, when the parent template states it; undefined when it is only known at deploy time. */
  value?: string;
  /**
   * True when every deployment passes this value (a literal, or a parent parameter the user pinned); false when it
   * comes from a parent parameter's default, which a deployment may override.
   */
  fixed: boolean;
}

/** Parameter values each parsed template was given (pinned by the user or passed by its parent), by template. */
const pinnedByTemplate = new WeakMap<Template, Readonly<Record<string, string>>>();

/** Record the parameter values a template was parsed with, so its own nested stacks can pass them on. */
export function rememberPinnedParameters(t: Template, pins: Readonly<Record<string, string>>): void {
  if (Object.keys(pins).length) pinnedByTemplate.set(t, pins);
}

const UNKNOWN: PassedParameter = { fixed: false };

/**
 * The value of an expression in the parent as far as the template tells: literals, `Ref`s to parent parameters
 * (pinned value, else default), and `Fn::Join` / string `Fn::Sub` over those. Anything else is unknown.
 */
function passedValue(v: unknown, t: Template, pins: Readonly<Record<string, string>>, depth = 0): PassedParameter {
  if (depth > 16) return UNKNOWN;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
    return { value: String(v), fixed: true };
  if (Array.isArray(v))
    return combine(
      v.map((x) => passedValue(x, t, pins, depth + 1)),
      ',',
    );
  if (!v || typeof v !== 'object') return UNKNOWN;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length !== 1) return UNKNOWN;
  if (typeof o.Ref === 'string') return parameterValue(o.Ref, t, pins);
  const join = o['Fn::Join'];
  if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1]))
    return combine(
      join[1].map((x) => passedValue(x, t, pins, depth + 1)),
      join[0],
    );
  const sub = o['Fn::Sub'];
  if (typeof sub === 'string') {
    const parts: PassedParameter[] = [];
    let last = 0;
    for (const m of sub.matchAll(/\$\{([^}]*)\}/g)) {
      parts.push({ value: sub.slice(last, m.index), fixed: true });
      parts.push(
        m[1]!.startsWith('!') ? { value: `\${${m[1]!.slice(1)}}`, fixed: true } : parameterValue(m[1]!, t, pins),
      );
      last = m.index + m[0].length;
    }
    parts.push({ value: sub.slice(last), fixed: true });
    return combine(parts, '');
  }
  return UNKNOWN;
}

function parameterValue(name: string, t: Template, pins: Readonly<Record<string, string>>): PassedParameter {
  if (Object.hasOwn(pins, name)) return { value: pins[name], fixed: true };
  const p = Object.hasOwn(t.parameters, name) ? t.parameters[name] : undefined;
  if (!p || !('Default' in p)) return UNKNOWN;
  const d = p.Default;
  if (Array.isArray(d)) return { value: d.map(String).join(','), fixed: false };
  return typeof d === 'string' || typeof d === 'number' || typeof d === 'boolean'
    ? { value: String(d), fixed: false }
    : UNKNOWN;
}

function combine(parts: PassedParameter[], separator: string): PassedParameter {
  if (parts.some((p) => p.value === undefined)) return UNKNOWN;
  return { value: parts.map((p) => p.value).join(separator), fixed: parts.every((p) => p.fixed) };
}

/** The values a nested stack resource passes to its child template's parameters. */
export function passedParameters(stack: Resource, t: Template): Record<string, PassedParameter> {
  const given = stack.properties.Parameters;
  const out: Record<string, PassedParameter> = {};
  // A map written out; `!Ref SomeMap` or `Fn::If` over whole maps are not read.
  if (!given || typeof given !== 'object' || Array.isArray(given) || isIntrinsic(given)) return out;
  const pins = pinnedByTemplate.get(t) ?? {};
  for (const [name, v] of Object.entries(given as Record<string, unknown>)) {
    Object.defineProperty(out, name, { value: passedValue(v, t, pins), enumerable: true, writable: true });
  }
  return out;
}

/** A path on disk, not a URL (`https://…`, `s3://…`) or an intrinsic function. */
function localPath(v: unknown): string | undefined {
  if (typeof v !== 'string' || v.trim() === '') return undefined;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(v)) return undefined;
  return v;
}

/**
 * Nested stacks whose template is on disk next to the parent: `AWS::CloudFormation::Stack` with a relative
 * `TemplateURL` (before `aws cloudformation package` uploads it), `AWS::Serverless::Application` with a local
 * `Location`, and CDK nested stacks, whose synthesised template the stack's `aws:asset:path` metadata names.
 */
export function localNestedTemplates(template: Template, templatePath: string): NestedTemplateRef[] {
  const dir = dirname(templatePath);
  const out: NestedTemplateRef[] = [];
  for (const r of template.resources) {
    let rel: string | undefined;
    let property = '';
    if (r.type === 'AWS::CloudFormation::Stack') {
      rel = localPath(r.properties.TemplateURL);
      property = 'TemplateURL';
      if (!rel) {
        rel = localPath(r.metadata['aws:asset:path']);
        property = 'aws:asset:path';
      }
    } else if (r.type === 'AWS::Serverless::Application') {
      rel = localPath(r.properties.Location);
      property = 'Location';
    }
    if (!rel) continue;
    out.push({
      stack: r,
      path: isAbsolute(rel) ? rel : resolve(dir, rel),
      property,
      parameters: passedParameters(r, template),
    });
  }
  return out;
}
