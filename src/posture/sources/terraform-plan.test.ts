import { describe, expect, it } from 'vitest';
import { asBool, dig, isSet } from '../values.js';
import { SourceParseError } from './cloudformation.js';
import { parseSource } from './index.js';
import { refTarget } from './intrinsics.js';
import { fixtureText, loadPlan, resourcesOf } from './terraform/test-fixtures.js';
import { isUnknown } from './terraform/unknown.js';
import { looksLikeTerraformPlan, parseTerraformPlan } from './terraform-plan.js';

/** The 1-based line and column where `needle` first occurs in `text`. */
function lineColumn(text: string, needle: string) {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`${needle} not found`);
  const before = text.slice(0, at);
  return { line: before.split('\n').length, column: at - before.lastIndexOf('\n') };
}

const minimal = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({ format_version: '1.2', planned_values: { root_module: {} }, ...extra });

describe('parseTerraformPlan', () => {
  it('recognises plan JSON and leaves other JSON to the CloudFormation parser', () => {
    expect(looksLikeTerraformPlan(fixtureText('secure.plan.json'))).toBe(true);
    expect(looksLikeTerraformPlan('{"AWSTemplateFormatVersion":"2010-09-09","Resources":{}}')).toBe(false);
    expect(parseSource(fixtureText('insecure.plan.json'), 'p.json')?.format).toBe('terraform-plan');
  });

  it('uses addresses as ids, walks child modules and keeps module and index metadata', () => {
    const t = loadPlan('modules.plan.json');
    expect(t.format).toBe('terraform-plan');
    expect(t.resources.map((r) => r.id)).toEqual([
      'aws_kms_key.shared',
      'aws_s3_bucket.legacy',
      'aws_iam_policy.readers',
      'module.app["eu"].aws_s3_bucket.data',
      'module.app["eu"].module.store.aws_dynamodb_table.items',
      'module.app["us"].aws_s3_bucket.data',
    ]);
    const items = t.resources.find((r) => r.id.endsWith('aws_dynamodb_table.items'))!;
    expect(items.metadata.terraform).toMatchObject({
      module: 'module.app["eu"].module.store',
      type: 'aws_dynamodb_table',
    });
    expect(items.format).toBe('terraform-plan');
  });

  it('leaves out deleted resources and deposed objects', () => {
    const ids = loadPlan('modules.plan.json').resources.map((r) => r.id);
    expect(ids).not.toContain('aws_s3_bucket.old');
    expect(ids.filter((id) => id === 'aws_s3_bucket.legacy')).toHaveLength(1);
  });

  it('follows references through module variables and outputs', () => {
    const get = resourcesOf('modules.plan.json');
    // var.key → var.kms_key_arn → aws_kms_key.shared.arn, two module levels up.
    const items = get('module.app["eu"].module.store.aws_dynamodb_table.items');
    expect(refTarget(dig(items.properties, ['SSESpecification', 'KMSMasterKeyId']))).toBe('aws_kms_key.shared');
    expect(items.refs).toEqual(['aws_kms_key.shared']);
    // module.app["eu"].bucket_arn → that instance's bucket, not the "us" one.
    expect(get('aws_iam_policy.readers').refs).toEqual(['module.app["eu"].aws_s3_bucket.data']);
  });

  it('recognises a known value copied from a reference (an existing key) as that reference', () => {
    const bucket = resourcesOf('modules.plan.json')('module.app["us"].aws_s3_bucket.data');
    const key = dig(bucket.properties, [
      'BucketEncryption',
      'ServerSideEncryptionConfiguration',
      0,
      'ServerSideEncryptionByDefault',
      'KMSMasterKeyID',
    ]);
    expect(refTarget(key)).toBe('aws_kms_key.shared');
  });

  it('counts configured values known only after apply as set, and provider-computed ones as absent', () => {
    const get = resourcesOf('secure.plan.json');
    const nb = get('aws_sagemaker_notebook_instance.research');
    expect(isSet(nb.properties.SubnetId)).toBe(true);
    expect(asBool(nb.properties.SubnetId)).toBeUndefined();
    const stage = get('aws_api_gateway_stage.prod');
    expect(isUnknown(stage.properties.RestApiId)).toBe(true);
    expect(stage.properties).not.toHaveProperty('WebAclArn');
    const trail = get('aws_cloudtrail.org');
    expect(trail.properties).not.toHaveProperty('SnsTopicName');
  });

  it('counts every unknown value as set when the plan carries no configuration', () => {
    const plan = JSON.stringify({
      format_version: '1.2',
      planned_values: {
        root_module: {
          resources: [
            {
              address: 'aws_cloudwatch_log_group.x',
              mode: 'managed',
              type: 'aws_cloudwatch_log_group',
              name: 'x',
              values: { name: 'x' },
            },
          ],
        },
      },
      resource_changes: [
        {
          address: 'aws_cloudwatch_log_group.x',
          mode: 'managed',
          type: 'aws_cloudwatch_log_group',
          name: 'x',
          change: { actions: ['create'], after: { name: 'x' }, after_unknown: { kms_key_id: true } },
        },
      ],
    });
    const g = parseTerraformPlan(plan, 'p.json')!.resources[0]!;
    expect(g.type).toBe('AWS::Logs::LogGroup');
    expect(isUnknown(g.properties.KmsKeyId)).toBe(true);
  });

  it('points each resource at the line and column where the plan names its address', () => {
    const text = fixtureText('secure.plan.json');
    for (const r of loadPlan('secure.plan.json').resources) {
      expect(r.position).toEqual({
        file: 'secure.plan.json',
        ...lineColumn(text, `"address": ${JSON.stringify(r.id)}`),
      });
    }
    // `terraform show -json` writes one line: the column tells resources apart.
    const mini = JSON.stringify(JSON.parse(fixtureText('modules.plan.json')));
    const resources = parseTerraformPlan(mini, 'mini.json')!.resources;
    for (const r of resources) {
      expect(r.position).toEqual({ file: 'mini.json', ...lineColumn(mini, `"address":${JSON.stringify(r.id)}`) });
      expect(r.position.line).toBe(1);
    }
    expect(new Set(resources.map((r) => r.position.column)).size).toBe(resources.length);
  });

  it('records the planned actions', () => {
    const get = resourcesOf('modules.plan.json');
    expect(get('aws_kms_key.shared').metadata.terraform).toMatchObject({ actions: ['no-op'] });
    expect(get('aws_iam_policy.readers').metadata.terraform).toMatchObject({ actions: ['create'] });
  });

  it('never leaves a mapping error behind on the fixtures', () => {
    for (const f of ['secure', 'insecure', 'iam', 'sagemaker', 'bedrock', 'network', 'data', 'account', 'modules']) {
      for (const r of loadPlan(`${f}.plan.json`).resources)
        expect(r.metadata.terraform).not.toHaveProperty('mappingError');
    }
  });

  it('reports broken JSON with its line', () => {
    const broken = `${minimal().slice(0, -1)},\n  "resource_changes": [}\n`;
    try {
      parseTerraformPlan(broken, 'p.json');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(SourceParseError);
      expect((e as SourceParseError).message).toMatch(/invalid JSON/);
      expect((e as SourceParseError).line).toBe(2);
    }
  });

  it('rejects a plan that is not an object or has an unsupported format version', () => {
    expect(() => parseTerraformPlan('["format_version", "planned_values"]', 'p.json')).toThrow(SourceParseError);
    expect(() => parseTerraformPlan(minimal({ format_version: '2.0' }), 'p.json')).toThrow(/format_version 2.0/);
    expect(parseTerraformPlan(minimal({ format_version: '0.2' }), 'p.json')?.resources).toEqual([]);
  });

  it('returns undefined for JSON that merely mentions the plan keys', () => {
    expect(parseTerraformPlan('{"format_version":"1.0","note":"no planned_values here"}', 'p.json')).toBeUndefined();
  });

  it('accepts a byte order mark', () => {
    expect(parseTerraformPlan(`\ufeff${minimal()}`, 'p.json')?.resources).toEqual([]);
  });
});
