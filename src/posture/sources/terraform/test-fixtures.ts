import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Resource, Template } from '../../graph.js';
import { parseTerraformPlan } from '../terraform-plan.js';

/** Absolute path of a plan fixture. */
export const fixturePath = (name: string): string => fileURLToPath(new URL(`./__fixtures__/${name}`, import.meta.url));

export const fixtureText = (name: string): string => readFileSync(fixturePath(name), 'utf8');

/** Parse a fixture plan; fails the test when it is not one. */
export function loadPlan(name: string): Template {
  const t = parseTerraformPlan(fixtureText(name), name);
  if (!t) throw new Error(`${name} is not a Terraform plan`);
  return t;
}

/** A fixture's resources by address, for `get('aws_s3_bucket.docs').properties…` assertions. */
export function resourcesOf(name: string): (address: string) => Resource {
  const byId = new Map(loadPlan(name).resources.map((r) => [r.id, r]));
  return (address) => {
    const r = byId.get(address);
    if (!r) throw new Error(`${name} has no resource ${address}; it has ${[...byId.keys()].join(', ')}`);
    return r;
  };
}
