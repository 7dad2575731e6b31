import type { Resource } from '../graph.js';
import { isIntrinsic } from '../sources/intrinsics.js';
import type { SpecIndex, SpecShape, SpecType } from './spec-db.js';

export interface SpecIssue {
  kind: 'unknown-type' | 'unknown-property' | 'wrong-type';
  /** Path inside Properties (empty for the resource type itself). */
  path: (string | number)[];
  message: string;
}

/**
 * Types the spec does not cover on purpose: CDK's own metadata resource, and SAM resources, whose spec entries lag
 * behind SAM itself (they would report valid new properties as unknown).
 */
const NOT_VALIDATED = /^AWS::(CDK::Metadata$|Serverless::)/;

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

function describe(v: unknown): string {
  if (Array.isArray(v)) return 'a list';
  if (v === null) return 'null';
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${JSON.stringify(v)}`.slice(0, 60);
}

function typeName(t: SpecType): string {
  switch (t.type) {
    case 'ref':
    case 'tag':
      return 'an object';
    case 'array':
      return 'a list';
    case 'map':
      return 'a map';
    case 'union':
      return t.types.map(typeName).join(' or ');
    default:
      return t.type;
  }
}

/** Close spellings, for "did you mean": same name ignoring case, or one edit away. */
function suggest(name: string, known: string[]): string | undefined {
  const lower = name.toLowerCase();
  return (
    known.find((k) => k.toLowerCase() === lower) ??
    known.find((k) => Math.abs(k.length - name.length) <= 1 && editDistanceAtMostOne(k.toLowerCase(), lower))
  );
}

function editDistanceAtMostOne(a: string, b: string): boolean {
  if (a === b) return true;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const restA = a.slice(i);
  const restB = b.slice(i);
  return (
    restA.slice(1) === restB.slice(1) || // substitution
    restA.slice(1) === restB || // deletion
    restA === restB.slice(1) || // insertion
    (restA.length > 1 && restA[0] === restB[1] && restA[1] === restB[0] && restA.slice(2) === restB.slice(2))
  );
}

/**
 * Check a resource's properties against the CloudFormation specification: unknown resource types in the `AWS::`
 * namespace, unknown property names (nested ones too) and values of the wrong primitive shape. Values that are
 * intrinsic functions are not checked: their type is only known at deploy time. Lenient where CloudFormation is:
 * numbers and booleans may be written as strings, and a property's previous types are accepted.
 */
export function validateResource(r: Resource, spec: SpecIndex): SpecIssue[] {
  if (!r.type.startsWith('AWS::') || NOT_VALIDATED.test(r.type)) return [];
  const shape = spec.resource(r.type);
  if (!shape) return [{ kind: 'unknown-type', path: [], message: `${r.type} is not a CloudFormation resource type` }];
  const issues: SpecIssue[] = [];
  checkObject(r.properties, shape, r.type, [], spec, issues);
  return issues;
}

function checkObject(
  value: Record<string, unknown>,
  shape: SpecShape,
  owner: string,
  path: (string | number)[],
  spec: SpecIndex,
  issues: SpecIssue[],
): void {
  for (const [k, v] of Object.entries(value)) {
    const prop = shape.properties[k];
    const at = [...path, k];
    if (!prop) {
      const hint = suggest(k, Object.keys(shape.properties));
      issues.push({
        kind: 'unknown-property',
        path: at,
        message: `${owner} has no property ${at.join('.')}${hint ? ` (did you mean ${hint}?)` : ''}`,
      });
      continue;
    }
    const candidates = [prop.type, ...(prop.previousTypes ?? [])];
    let best: SpecIssue[] | undefined;
    for (const t of candidates) {
      const found: SpecIssue[] = [];
      checkValue(v, t, owner, at, spec, found);
      if (found.length === 0) {
        best = undefined;
        break;
      }
      best ??= found;
    }
    if (best) issues.push(...best);
  }
}

function checkValue(
  v: unknown,
  t: SpecType,
  owner: string,
  path: (string | number)[],
  spec: SpecIndex,
  issues: SpecIssue[],
): void {
  if (v === undefined || v === null || isIntrinsic(v)) return;
  const wrong = () =>
    issues.push({
      kind: 'wrong-type',
      path,
      message: `${owner} property ${path.join('.')} should be ${typeName(t)}, not ${describe(v)}`,
    });
  switch (t.type) {
    case 'json':
    case 'null':
      return;
    case 'string':
    case 'date-time':
      if (typeof v === 'object') wrong();
      return;
    case 'number':
    case 'integer':
      if (typeof v === 'number') return;
      if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return;
      wrong();
      return;
    case 'boolean':
      if (typeof v === 'boolean') return;
      if (typeof v === 'string' && /^(true|false)$/i.test(v)) return;
      wrong();
      return;
    case 'tag':
      if (!isObj(v)) wrong();
      return;
    case 'array':
      if (!Array.isArray(v)) {
        wrong();
        return;
      }
      v.forEach((item, i) => {
        checkValue(item, t.element, owner, [...path, i], spec, issues);
      });
      return;
    case 'map':
      if (!isObj(v)) {
        wrong();
        return;
      }
      for (const [k, item] of Object.entries(v)) checkValue(item, t.element, owner, [...path, k], spec, issues);
      return;
    case 'ref': {
      const def = spec.typeDefinition(t.reference.$ref);
      if (!def) return;
      if (!isObj(v)) {
        wrong();
        return;
      }
      checkObject(v, def, owner, path, spec, issues);
      return;
    }
    case 'union': {
      let first: SpecIssue[] | undefined;
      for (const alt of t.types) {
        const found: SpecIssue[] = [];
        checkValue(v, alt, owner, path, spec, found);
        if (found.length === 0) return;
        // Report against the alternative of the same shape (an object for an object…), if there is one.
        if (!first || sameShape(v, alt)) first = found;
      }
      issues.push(...(first ?? []));
      return;
    }
  }
}

function sameShape(v: unknown, t: SpecType): boolean {
  if (Array.isArray(v)) return t.type === 'array';
  if (isObj(v)) return t.type === 'ref' || t.type === 'map' || t.type === 'tag' || t.type === 'json';
  return !['ref', 'map', 'tag', 'array', 'union'].includes(t.type);
}
