import { describe, expect, it } from 'vitest';
import { parentModule, parseTraversal, splitModule } from './address.js';

describe('Terraform addresses', () => {
  it('splits names and index keys, including keys with dots, brackets and quotes', () => {
    expect(parseTraversal('module.kb["eu.west"].aws_s3_bucket.docs[0].arn')).toEqual([
      { name: 'module' },
      { name: 'kb' },
      { key: 'eu.west' },
      { name: 'aws_s3_bucket' },
      { name: 'docs' },
      { key: 0 },
      { name: 'arn' },
    ]);
    expect(parseTraversal('aws_s3_bucket.x["a]\\"b"]')).toEqual([
      { name: 'aws_s3_bucket' },
      { name: 'x' },
      { key: 'a]"b' },
    ]);
  });

  it('refuses what it cannot read rather than guessing', () => {
    for (const bad of ['', 'a..b', 'a[', 'a["x"', 'a[count.index]', '.a', 'a.'])
      expect(parseTraversal(bad)).toBeUndefined();
  });

  it('separates the module instance from the resource', () => {
    const m = splitModule(parseTraversal('module.app["eu"].module.store.aws_dynamodb_table.items')!);
    expect(m.instance).toBe('module.app["eu"].module.store');
    expect(m.callPath).toBe('app/store');
    expect(m.rest).toEqual([{ name: 'aws_dynamodb_table' }, { name: 'items' }]);
    expect(splitModule(parseTraversal('aws_s3_bucket.a')!).instance).toBe('');
  });

  it('finds the calling module', () => {
    expect(parentModule('module.app["eu"].module.store')).toEqual({ parent: 'module.app["eu"]', call: 'store' });
    expect(parentModule('module.app[0]')).toEqual({ parent: '', call: 'app' });
    expect(parentModule('')).toBeUndefined();
  });
});
