import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Assumptions } from '../conditions.js';
import { contextFor } from '../evaluate.js';
import { ResourceGraph, type Template } from '../graph.js';
import { parseCloudFormation } from './cloudformation.js';
import { localNestedTemplates, type NestedTemplateRef } from './nested-stacks.js';

const dir = join(import.meta.dirname, '..', '__fixtures__', 'nested-params');
const parentPath = join(dir, 'parent.yaml');

function parse(
  path: string,
  options: { assume?: Assumptions; parameterValues?: NestedTemplateRef['parameters'] } = {},
) {
  const t = parseCloudFormation(readFileSync(path, 'utf8'), path, options);
  if (!t) throw new Error(`${path} is not a template`);
  return t;
}

/** The child named by the parent's only local nested stack, parsed with the values the parent passes. */
function child(parent: Template, parentFile: string, assume?: Assumptions) {
  const [ref] = localNestedTemplates(parent, parentFile);
  if (!ref) throw new Error('no nested stack');
  return { ref, template: parse(ref.path, { parameterValues: ref.parameters, ...(assume ? { assume } : {}) }) };
}

/** What a rule reading the property sees (`ctx.value` resolves Refs to parameters). */
function ruleValue(t: Template, id: string, path: (string | number)[]): unknown {
  const g = new ResourceGraph();
  g.add(t);
  return contextFor(g).value(t.resources.find((r) => r.id === id)!, path);
}

describe('nested stack parameters', () => {
  it('reads what the parent passes: literals, parent parameters, Join and Sub over them', () => {
    const { ref } = child(parse(parentPath), parentPath);
    expect(ref.path).toBe(join(dir, 'child.yaml'));
    expect(ref.parameters).toEqual({
      Versioning: { value: 'Enabled', fixed: true },
      // From the parent's default: a deployment may pass something else.
      Env: { value: 'dev', fixed: false },
      BucketName: { value: 'acme-dev-data', fixed: false },
      Tags: { value: 'team-ml,dev', fixed: false },
      // No default in the parent, or an attribute of a parent resource: only known at deploy time.
      KeyArn: { fixed: false },
      LogBucket: { fixed: false },
    });
  });

  it('gives the child those values instead of its own defaults, so rules see them', () => {
    const { template } = child(parse(parentPath), parentPath);
    expect(template.parameters.Versioning?.Default).toBe('Enabled');
    expect(template.parameters.Env?.Default).toBe('dev');
    expect(template.parameters.Retention?.Default).toBe(30);
    // The parent passes a value the scan cannot know: the child's default would be wrong, so it is dropped.
    expect(template.parameters.KeyArn).toEqual({ Type: 'String' });
    expect(ruleValue(template, 'Datasets', ['VersioningConfiguration', 'Status'])).toBe('Enabled');
    expect(ruleValue(template, 'Datasets', ['BucketName'])).toBe('acme-dev-data');
    const kms = ['BucketEncryption', 'ServerSideEncryptionConfiguration', 0, 'ServerSideEncryptionByDefault'];
    expect(ruleValue(template, 'Datasets', [...kms, 'KMSMasterKeyID'])).toEqual({ Ref: 'KeyArn' });
  });

  it('decides child conditions only with values every deployment passes', () => {
    const { template } = child(parse(parentPath), parentPath);
    const model = template.conditionModel!;
    expect(model.staticValue('VersioningOn')).toBe(true);
    // Env comes from the parent's default, which a deployment may override.
    expect(model.staticValue('IsProd')).toBeUndefined();
    // Without the parent, the child's own defaults decide nothing.
    expect(parse(join(dir, 'child.yaml')).conditionModel!.staticValue('VersioningOn')).toBeUndefined();
  });

  it('passes values the user pins on the parent down, through every level', () => {
    const assume = { parameters: { Env: 'prod' } };
    const parent = parse(parentPath, { assume });
    const { ref, template } = child(parent, parentPath, assume);
    expect(ref.parameters.Env).toEqual({ value: 'prod', fixed: true });
    expect(template.conditionModel!.staticValue('IsProd')).toBe(true);
    const grand = child(template, ref.path);
    expect(grand.ref.parameters).toEqual({
      Versioning: { value: 'Enabled', fixed: true },
      Env: { value: 'prod', fixed: true },
    });
    expect(grand.template.conditionModel!.staticValue('IsProd')).toBe(true);
    expect(ruleValue(grand.template, 'Archive', ['VersioningConfiguration', 'Status'])).toBe('Enabled');
  });

  it('leaves a stack that passes nothing (or something unreadable) to its child defaults', () => {
    const t = parseCloudFormation(
      'Resources:\n  S:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: c.yaml\n      Parameters: !Ref Nope\n',
      join(dir, 'inline.yaml'),
    )!;
    expect(localNestedTemplates(t, join(dir, 'inline.yaml'))[0]!.parameters).toEqual({});
  });
});
