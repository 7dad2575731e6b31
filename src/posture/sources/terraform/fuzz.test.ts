import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SourceParseError } from '../cloudformation.js';
import { parseTerraformPlan } from '../terraform-plan.js';
import { ALL_MAPPINGS } from './mappings.js';
import { fixtureText } from './test-fixtures.js';

/** Parse, accepting only the outcomes a caller handles: a template, undefined, or a SourceParseError. */
function outcome(text: string): 'template' | 'none' | 'parse-error' {
  try {
    return parseTerraformPlan(text, 'fuzz.json') ? 'template' : 'none';
  } catch (e) {
    if (e instanceof SourceParseError) return 'parse-error';
    throw e;
  }
}

const TYPES = [...ALL_MAPPINGS.map((m) => m.tf), 'aws_iam_policy_document', 'null_resource'];
const type = fc.constantFrom(...TYPES);
const name = fc.constantFrom('a', 'b', 'main', '__proto__', 'x.y');
const address = fc.oneof(
  fc.tuple(type, name).map(([t, n]) => `${t}.${n}`),
  fc.tuple(fc.constantFrom('m', 'n'), type, name).map(([m, t, n]) => `module.${m}.${t}.${n}`),
  fc.tuple(type, name, fc.oneof(fc.nat(3), fc.string())).map(([t, n, k]) => `${t}.${n}[${JSON.stringify(k)}]`),
  fc.string(),
);
/** Values shaped like Terraform attributes: nested blocks, references, unknown flags, anything. */
const value = fc.jsonValue({ maxDepth: 4 });
const reference = fc.oneof(
  address,
  fc.constantFrom('var.x', 'module.m.out', 'data.aws_iam_policy_document.a.json', 'each.value'),
);
const expression = fc.oneof(
  fc.record({ references: fc.array(reference, { maxLength: 3 }) }),
  fc.record({ constant_value: value }),
  value,
);
const resource = fc.record(
  {
    address,
    mode: fc.constantFrom('managed', 'data', 'other'),
    type,
    name,
    index: fc.oneof(fc.nat(3), fc.string()),
    values: fc.oneof(
      value,
      fc.dictionary(fc.constantFrom('bucket', 'policy', 'tags', 'rule', 'role', 'kms_key_id'), value),
    ),
    sensitive_values: value,
  },
  { requiredKeys: ['address'] },
);
const plan = fc.record({
  format_version: fc.constantFrom('1.2', '0.1', 1, '3.0'),
  planned_values: fc.record({
    root_module: fc.record({
      resources: fc.array(resource, { maxLength: 6 }),
      child_modules: fc.array(fc.record({ address: fc.string(), resources: fc.array(resource, { maxLength: 3 }) }), {
        maxLength: 2,
      }),
    }),
  }),
  resource_changes: fc.array(
    fc.record({
      address,
      mode: fc.constantFrom('managed', 'data'),
      change: fc.record({ after: value, after_unknown: value }),
    }),
    { maxLength: 6 },
  ),
  configuration: fc.record({
    root_module: fc.record({
      resources: fc.array(
        fc.record({
          mode: fc.constantFrom('managed', 'data'),
          type,
          name,
          expressions: fc.dictionary(fc.string(), expression),
        }),
        { maxLength: 6 },
      ),
      module_calls: fc.dictionary(fc.constantFrom('m', 'n'), fc.record({ expressions: value, module: value })),
    }),
  }),
});

describe('parseTerraformPlan under fuzzing', () => {
  it('throws nothing but SourceParseError on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        outcome(JSON.stringify(v) ?? 'null');
      }),
      { numRuns: 300 },
    );
  });

  it('reads arbitrary plan-shaped documents without a mapper failing', () => {
    fc.assert(
      fc.property(plan, (p) => {
        const text = JSON.stringify(p);
        if (outcome(text) !== 'template') return;
        for (const r of parseTerraformPlan(text, 'fuzz.json')!.resources) {
          expect(r.metadata.terraform).not.toHaveProperty('mappingError');
          r.positionOf(['Policies', 0]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('reads real plans with any one value replaced by arbitrary JSON', () => {
    const plans = [
      'secure',
      'iam',
      'network',
      'data',
      'bedrock',
      'modules',
      'compute',
      'messaging',
      'backup',
      'edge',
    ].map((f) => JSON.parse(fixtureText(`${f}.plan.json`)));
    const paths = plans.map((p) => leafPaths(p));
    fc.assert(
      fc.property(fc.nat(plans.length - 1), fc.nat(), fc.jsonValue({ maxDepth: 3 }), (which, at, replacement) => {
        const doc = structuredClone(plans[which]);
        const path = paths[which]![at % paths[which]!.length]!;
        setAt(doc, path, replacement);
        const text = JSON.stringify(doc);
        if (outcome(text) !== 'template') return;
        for (const r of parseTerraformPlan(text, 'fuzz.json')!.resources) {
          expect(r.metadata.terraform).not.toHaveProperty('mappingError');
        }
      }),
      { numRuns: 400 },
    );
  });

  it('rejects every truncation of a real plan with a SourceParseError', () => {
    const text = fixtureText('secure.plan.json');
    fc.assert(
      fc.property(fc.integer({ min: 1, max: text.length - 2 }), (cut) => {
        expect(outcome(text.slice(0, cut))).toBe('parse-error');
      }),
      { numRuns: 100 },
    );
  });

  it('survives deep nesting and prototype keys', () => {
    const deep = `{"format_version":"1.2","planned_values":{"root_module":{"resources":[{"address":"aws_s3_bucket.a","type":"aws_s3_bucket","name":"a","values":{"tags":${'['.repeat(5000)}${']'.repeat(5000)}}}]}}}`;
    expect(['template', 'parse-error']).toContain(outcome(deep));
    const proto = `{"format_version":"1.2","planned_values":{"root_module":{"resources":[{"address":"aws_s3_bucket.a","type":"aws_s3_bucket","name":"a","values":{"tags":{"__proto__":{"polluted":true}},"bucket":"b"}}]}}}`;
    const t = parseTerraformPlan(proto, 'p.json')!;
    expect(t.resources[0]?.properties.Tags).toEqual([{ Key: '__proto__', Value: { polluted: true } }]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

/** Every path to a value inside a document (containers included), for targeted mutation. */
function leafPaths(v: unknown, path: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (path.length) out.push(path);
  if (Array.isArray(v)) for (const [i, x] of v.entries()) leafPaths(x, [...path, i], out);
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) leafPaths(x, [...path, k], out);
  return out;
}

function setAt(doc: unknown, path: (string | number)[], value: unknown): void {
  let cur = doc as Record<string | number, unknown>;
  for (const step of path.slice(0, -1)) cur = cur[step] as Record<string | number, unknown>;
  cur[path.at(-1)!] = value;
}
