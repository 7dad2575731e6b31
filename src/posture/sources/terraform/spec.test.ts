import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { isIntrinsic } from '../intrinsics.js';
import { TERRAFORM_ONLY_PROPERTIES } from './mapping.js';
import { ALL_MAPPINGS, MAPPINGS } from './mappings.js';
import type { Plan, TfResource } from './plan.js';
import { isRec, type Rec } from './records.js';
import { fixtureText, loadPlan } from './test-fixtures.js';

const FIXTURES = [
  'secure',
  'insecure',
  'iam',
  'sagemaker',
  'bedrock',
  'network',
  'data',
  'account',
  'modules',
  'compute',
  'messaging',
  'backup',
  'edge',
];

/**
 * The mappings are hand-written; this checks them against the CloudFormation resource specification shipped in
 * @aws-cdk/aws-service-spec: every type exists, and every property path the fixtures produce is one CloudFormation
 * knows, down through nested property types.
 */
interface SpecType {
  type: string;
  reference?: { $ref: string };
  element?: SpecType;
  types?: SpecType[];
}
interface Spec {
  resources: Map<string, { properties: Record<string, { type: SpecType }> }>;
  types: Map<string, { name: string; properties: Record<string, { type: SpecType }> }>;
}

function loadSpec(): Spec {
  const file = createRequire(import.meta.url).resolve('@aws-cdk/aws-service-spec/db.json.gz');
  const db = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8'));
  return {
    resources: new Map(
      db.schema.resource.entities.map((r: { cloudFormationType: string }) => [r.cloudFormationType, r]),
    ),
    types: new Map(db.schema.typeDefinition.entities.map((t: { $id: string }) => [t.$id, t])),
  };
}

/** Property paths in `value` that the spec type does not allow. */
function unknownPaths(spec: Spec, value: unknown, type: SpecType | undefined, path: string, out: string[]): void {
  if (!type || isIntrinsic(value)) return;
  if (type.type === 'union') {
    const candidates = type.types ?? [];
    const trials = candidates.map((t) => {
      const o: string[] = [];
      unknownPaths(spec, value, t, path, o);
      return o;
    });
    const best = trials.find((o) => o.length === 0) ?? trials[0] ?? [];
    out.push(...best);
    return;
  }
  if (type.type === 'array' && Array.isArray(value)) {
    for (const [i, v] of value.entries()) unknownPaths(spec, v, type.element, `${path}[${i}]`, out);
    return;
  }
  if (type.type === 'map' && isRec(value)) {
    for (const [k, v] of Object.entries(value)) unknownPaths(spec, v, type.element, `${path}.${k}`, out);
    return;
  }
  if (type.type === 'ref' && isRec(value)) {
    const def = spec.types.get(type.reference!.$ref);
    if (!def) return;
    for (const [k, v] of Object.entries(value)) {
      const p = def.properties[k];
      if (!p) out.push(`${path}.${k} (not in ${def.name})`);
      else unknownPaths(spec, v, p.type, `${path}.${k}`, out);
    }
  }
}

/**
 * A Terraform object that has every attribute: each one reads as a one-element list holding another such object,
 * so a mapping walks every block and attribute it declares. Only the keys it writes matter here.
 */
function everything(depth = 0): Rec {
  return new Proxy(
    {},
    {
      get: (_, k) => (typeof k === 'symbol' || depth > 8 ? undefined : [everything(depth + 1)]),
      ownKeys: () => [],
      getOwnPropertyDescriptor: () => undefined,
    },
  ) as Rec;
}

function fakeResource(type: string): TfResource {
  const values = everything();
  return {
    address: `${type}.x`,
    mode: 'managed',
    type,
    name: 'x',
    module: '',
    raw: values,
    values,
    refs: [],
    dependsOn: [],
    actions: [],
  };
}

/** A plan in which every split resource finds a parent of the first type it looks for. */
const fakePlan = {
  link: (_r: TfResource, _attr: string, types: readonly string[]) => fakeResource(types[0]!),
  referenced: () => [],
  referencedBy: () => [],
} as unknown as Plan;

/** A property Steward adds to a type (see TERRAFORM_ONLY_PROPERTIES), which the specification does not list. */
const terraformOnly = (cfnType: string, k: string) => TERRAFORM_ONLY_PROPERTIES[cfnType]?.includes(k) ?? false;

function check(spec: Spec, cfnType: string, props: Rec, label: string, problems: string[]): void {
  const def = spec.resources.get(cfnType);
  if (!def) return void problems.push(`${label}: no CloudFormation type ${cfnType}`);
  for (const [k, v] of Object.entries(props)) {
    const p = def.properties[k];
    if (v === undefined || terraformOnly(cfnType, k)) continue;
    if (!p) problems.push(`${label}: ${cfnType}.${k} (no such property)`);
    else unknownPaths(spec, v, p.type, `${label}: ${k}`, problems);
  }
}

describe('mappings against the CloudFormation specification', () => {
  const spec = loadSpec();

  it('declares only property paths CloudFormation knows, in every mapping', () => {
    const problems: string[] = [];
    for (const m of ALL_MAPPINGS) {
      const r = fakeResource(m.tf);
      if (m.props && m.cfn) {
        const type = typeof m.cfn === 'string' ? m.cfn : m.cfn(r);
        check(spec, type, m.props(r, fakePlan), m.tf, problems);
      }
      for (const c of m.merge?.(r, fakePlan) ?? []) {
        const parent = MAPPINGS.get(c.parent.type)?.cfn;
        if (typeof parent === 'string') check(spec, parent, c.props, `${m.tf} → ${c.parent.type}`, problems);
      }
    }
    expect(problems).toEqual([]);
  });

  it('adds only properties CloudFormation really lacks', () => {
    for (const [type, props] of Object.entries(TERRAFORM_ONLY_PROPERTIES))
      for (const k of props) expect(spec.resources.get(type)?.properties[k], `${type}.${k}`).toBeUndefined();
  });

  it('maps only to CloudFormation types that exist', () => {
    const types = ALL_MAPPINGS.map((m) => m.cfn).filter((t): t is string => typeof t === 'string');
    expect(types.filter((t) => !spec.resources.has(t))).toEqual([]);
    expect(
      spec.resources.has('AWS::EC2::SecurityGroupIngress') && spec.resources.has('AWS::EC2::SecurityGroupEgress'),
    ).toBe(true);
  });

  it('has a fixture for every mapped Terraform type', () => {
    const seen = new Set<string>();
    for (const f of FIXTURES) {
      const plan = JSON.parse(fixtureText(`${f}.plan.json`)) as { resource_changes: { type: string }[] };
      for (const c of plan.resource_changes) seen.add(c.type);
    }
    expect(ALL_MAPPINGS.map((m) => m.tf).filter((t) => !seen.has(t))).toEqual([]);
  });

  it('produces only property paths CloudFormation knows', () => {
    const problems: string[] = [];
    let checked = 0;
    for (const f of FIXTURES) {
      for (const r of loadPlan(`${f}.plan.json`).resources) {
        const def = spec.resources.get(r.type);
        if (!r.sourceType || !def) continue;
        checked++;
        for (const [k, v] of Object.entries(r.properties)) {
          const p = def.properties[k];
          if (terraformOnly(r.type, k)) continue;
          if (!p) problems.push(`${r.id}: ${r.type}.${k} (no such property)`);
          else unknownPaths(spec, v, p.type, `${r.id}: ${k}`, problems);
        }
      }
    }
    expect(checked).toBeGreaterThan(60);
    expect(problems).toEqual([]);
  });
});
