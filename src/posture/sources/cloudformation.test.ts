import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCloudFormation, SourceParseError } from './cloudformation.js';

const fixtures = join(import.meta.dirname, '..', '__fixtures__');

function parseError(text: string, file = 't.yaml'): SourceParseError {
  try {
    parseCloudFormation(text, file);
  } catch (e) {
    if (e instanceof SourceParseError) return e;
    throw e;
  }
  throw new Error('expected a SourceParseError');
}

const yaml = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Env: { Type: String, Default: prod }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Key:
    Type: AWS::KMS::Key
  Bucket:
    Type: AWS::S3::Bucket
    Condition: IsProd
    DependsOn: Key
    Metadata:
      aws:cdk:path: Stack/Bucket/Resource
    Properties:
      BucketName: !Sub "\${AWS::StackName}-\${Env}-data"
      Arn: !GetAtt Key.Arn
      List: !Split [",", !ImportValue shared-list]
      Pick: !Select [0, !GetAZs ""]
      Joined: !Join ["-", [a, !Ref Key]]
      Maybe: !If [IsProd, !Ref Key, !Ref AWS::NoValue]
      Enc: !Base64 hello
      Cidrs: !Cidr [10.0.0.0/16, 4, 8]
      Mapped: !FindInMap [Map, !Ref AWS::Region, Ami]
`;

describe('parseCloudFormation', () => {
  it('turns short-form intrinsics into long form and collects references', () => {
    const t = parseCloudFormation(yaml, 't.yaml')!;
    const bucket = t.resources.find((r) => r.id === 'Bucket')!;
    expect(bucket.properties.Arn).toEqual({ 'Fn::GetAtt': ['Key', 'Arn'] });
    expect(bucket.properties.BucketName).toEqual({ 'Fn::Sub': '${AWS::StackName}-${Env}-data' });
    expect(bucket.properties.List).toEqual({ 'Fn::Split': [',', { 'Fn::ImportValue': 'shared-list' }] });
    expect(bucket.properties.Pick).toEqual({ 'Fn::Select': [0, { 'Fn::GetAZs': '' }] });
    expect(bucket.properties.Maybe).toEqual({ 'Fn::If': ['IsProd', { Ref: 'Key' }, { Ref: 'AWS::NoValue' }] });
    expect(bucket.properties.Enc).toEqual({ 'Fn::Base64': 'hello' });
    expect(bucket.properties.Cidrs).toEqual({ 'Fn::Cidr': ['10.0.0.0/16', 4, 8] });
    expect(bucket.properties.Mapped).toEqual({ 'Fn::FindInMap': ['Map', { Ref: 'AWS::Region' }, 'Ami'] });
    expect(t.conditions.IsProd).toEqual({ 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] });
    expect(bucket.refs.sort()).toEqual(['Env', 'Key']);
    expect(bucket.condition).toBe('IsProd');
    expect(bucket.constructPath).toBe('Stack/Bucket/Resource');
    expect(bucket.format).toBe('cdk');
  });

  it('keeps line and column of resources and properties', () => {
    const t = parseCloudFormation(yaml, 't.yaml')!;
    const bucket = t.resources.find((r) => r.id === 'Bucket')!;
    expect(bucket.position).toEqual({ file: 't.yaml', line: 9, column: 3 });
    expect(bucket.positionOf(['Arn']).line).toBe(17);
    expect(bucket.positionOf(['Arn', 'nope']).line).toBe(17);
    expect(bucket.positionOf(['Missing']).line).toBe(15);
  });

  it('parses JSON templates with positions', () => {
    const json =
      '{\n  "Resources": {\n    "B": {\n      "Type": "AWS::S3::Bucket",\n      "Properties": { "X": { "Ref": "C" } }\n    },\n    "C": { "Type": "AWS::KMS::Key" }\n  }\n}';
    const t = parseCloudFormation(json, 'a.json')!;
    expect(t.resources.map((r) => [r.id, r.position.line])).toEqual([
      ['B', 3],
      ['C', 7],
    ]);
    expect(t.resources[0]!.refs).toEqual(['C']);
  });

  it('returns undefined for YAML that is not a template', () => {
    expect(parseCloudFormation('name: x\nitems: [1, 2]\n', 'x.yaml')).toBeUndefined();
    expect(parseCloudFormation('[1, 2]', 'x.json')).toBeUndefined();
  });

  it('reports syntax errors with a line', () => {
    try {
      parseCloudFormation('Resources:\n  A:\n    Type: AWS::S3::Bucket\n   bad: [\n', 'bad.yaml');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(SourceParseError);
      expect((e as SourceParseError).line).toBeGreaterThanOrEqual(3);
    }
  });

  it('rejects alias bombs and deep nesting quickly', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 12; i++)
      bomb.push(
        `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`,
      );
    bomb.push('Resources: { A: { Type: AWS::S3::Bucket } }');
    const t0 = Date.now();
    expect(() => parseCloudFormation(bomb.join('\n'), 'bomb.yaml')).toThrow(SourceParseError);
    expect(Date.now() - t0).toBeLessThan(5000);
    const deep = `Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      X: ${'['.repeat(1000)}${']'.repeat(1000)}\n`;
    expect(() => parseCloudFormation(deep, 'deep.yaml')).toThrow(/nesting deeper/);
  });

  it('does not let __proto__ keys pollute objects', () => {
    const t = parseCloudFormation(
      'Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      __proto__: { polluted: true }\n',
      'p.yaml',
    )!;
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(t.resources[0]!.properties)).toEqual(['__proto__']);
  });

  it('never throws anything but SourceParseError on arbitrary input (fuzz)', () => {
    const fragments = fc.constantFrom(
      'Resources:',
      '  A:',
      '    Type: AWS::S3::Bucket',
      '    Properties:',
      '      X: !Ref',
      ' !GetAtt a.b',
      ' [',
      ']',
      '{',
      '}',
      '&a',
      '*a',
      '- ',
      ': ',
      '"',
      "'",
      '\t',
      '!Sub ${',
      '\n',
      '<<: *a',
      '!If [c, 1]',
      '\u0000',
      '#',
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(fragments, fc.string()), { maxLength: 40 }), (parts) => {
        try {
          parseCloudFormation(parts.join(''), 'fuzz.yaml');
        } catch (e) {
          if (!(e instanceof SourceParseError)) throw e;
        }
      }),
      { numRuns: 500 },
    );
  });

  it('takes the JSON fast path with the same positions as the YAML parser', () => {
    const json = JSON.stringify(
      {
        Parameters: { Env: { Type: 'String' } },
        Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] }, Never: { 'Fn::Equals': ['a', 'b'] } },
        Resources: {
          B: {
            Type: 'AWS::S3::Bucket',
            Properties: {
              Tags: [{ Ref: 'AWS::NoValue' }, { Key: 'k', Value: 'v' }],
              Enc: { 'Fn::If': ['Never', 'x', { Key: 'y' }] },
            },
          },
        },
      },
      null,
      2,
    );
    const fast = parseCloudFormation(json, 'a.json')!;
    // A leading space keeps the same text off the fast path: the YAML parser reads it.
    const slow = parseCloudFormation(` ${json.replace(/\n/g, '\n ')}`, 'a.json')!;
    const [b, bs] = [fast.resources[0]!, slow.resources[0]!];
    expect(b.properties).toEqual({ Tags: [{ Key: 'k', Value: 'v' }], Enc: { Key: 'y' } });
    expect(b.position.line).toBe(bs.position.line);
    for (const path of [['Tags', 0], ['Tags', 0, 'Value'], ['Enc', 'Key'], ['Enc']]) {
      expect(b.positionOf(path).line, path.join('.')).toBe(bs.positionOf(path).line);
    }
    // Tags[0] is the second item as written (the NoValue one is gone); Enc.Key is in the else branch.
    const lineOf = (needle: string) => json.split('\n').findIndex((l) => l.includes(needle)) + 1;
    expect(b.positionOf(['Tags', 0, 'Key']).line).toBe(lineOf('"Key": "k"'));
    expect(b.positionOf(['Tags', 0]).line).toBe(lineOf('"Key": "k"') - 1); // the item's opening brace
    expect(b.positionOf(['Enc', 'Key']).line).toBe(lineOf('"Key": "y"'));
  });

  it('points into short-form !If branches', () => {
    const t = parseCloudFormation(
      'Conditions:\n  Yes: !Equals [1, 1]\nResources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      X: !If\n        - Yes\n        - Inner: 1\n        - Inner: 2\n',
      't.yaml',
    )!;
    expect(t.resources[0]!.properties.X).toEqual({ Inner: 1 });
    expect(t.resources[0]!.positionOf(['X', 'Inner']).line).toBe(9);
  });

  it('names unknown intrinsic functions with their line', () => {
    const short = parseError('Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      X: !Foo bar\n');
    expect(short.message).toBe('unknown intrinsic function !Foo');
    expect(short.line).toBe(5);
    const long = parseError(
      '{\n "Resources": {\n  "A": {\n   "Type": "AWS::S3::Bucket",\n   "Properties": { "X": { "Fn::Foo": 1 } }\n  }\n }\n}',
      'a.json',
    );
    expect(long.message).toBe('unknown intrinsic function Fn::Foo');
    expect(long.line).toBe(5);
    // Known ones, including condition and language-extension functions, are fine.
    expect(
      parseCloudFormation(
        'Transform: AWS::LanguageExtensions\nResources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      L: !Length [1, 2]\n      J: { "Fn::ToJsonString": { a: 1 } }\n      O: !GetStackOutput { StackName: s, OutputName: o }\n  Fn::ForEach::Buckets:\n    - Name\n    - [a, b]\n    - Bucket${Name}:\n        Type: AWS::S3::Bucket\n',
        't.yaml',
      )?.resources.map((r) => r.id),
    ).toEqual(['A', 'Bucketa', 'Bucketb']);
  });

  it('rejects JSON nested deeper than 256 levels with a clear message', () => {
    const deep = `{"Resources": {"A": {"Type": "AWS::S3::Bucket", "Properties": {"X": ${'['.repeat(5000)}${']'.repeat(5000)}}}}}`;
    expect(parseError(deep, 'deep.json').message).toMatch(/nesting deeper than 256 levels/);
  });

  it('applies SAM Globals to serverless resources, keeping their types and pointing at Globals', () => {
    const text = readFileSync(join(fixtures, 'sam', 'template.yaml'), 'utf8');
    const t = parseCloudFormation(text, 'sam/template.yaml')!;
    expect(t.transforms).toEqual(['AWS::Serverless-2016-10-31']);
    const fn = t.resources.find((r) => r.id === 'Inference')!;
    expect(fn.type).toBe('AWS::Serverless::Function');
    expect(fn.properties).toMatchObject({
      Runtime: 'python3.12',
      Timeout: 30,
      Handler: 'app.handler',
      Environment: { Variables: { STAGE: 'prod', MODEL_ID: 'anthropic.claude' } },
    });
    const lineOf = (needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
    expect(fn.positionOf(['KmsKeyArn']).line).toBe(lineOf('KmsKeyArn'));
    expect(fn.positionOf(['Handler']).line).toBe(lineOf('Handler'));
    expect(t.resources.find((r) => r.id === 'Logs')!.properties).toEqual({ RetentionInDays: 30 });
  });

  it('never throws anything but SourceParseError on mangled JSON templates (fuzz)', () => {
    const base = JSON.stringify({
      AWSTemplateFormatVersion: '2010-09-09',
      Conditions: { C: { 'Fn::Equals': [{ Ref: 'P' }, 'x'] } },
      Resources: {
        A: {
          Type: 'AWS::S3::Bucket',
          Properties: { X: { 'Fn::If': ['C', { Ref: 'AWS::NoValue' }, [1, 2]] }, Y: { 'Fn::GetAtt': ['A', 'Arn'] } },
        },
      },
    });
    const edit = fc.record({
      at: fc.nat({ max: base.length }),
      drop: fc.nat({ max: 8 }),
      insert: fc.oneof(
        fc.constantFrom(
          '{',
          '}',
          '[',
          ']',
          '"',
          ',',
          ':',
          '\\\\',
          '{"Fn::Foo": 1}',
          '{"Ref": "AWS::NoValue"}',
          '[[[[[[',
          'null',
          '\\u0000',
          '"__proto__": {}',
        ),
        fc.string({ maxLength: 6 }),
      ),
    });
    fc.assert(
      fc.property(fc.array(edit, { maxLength: 6 }), (edits) => {
        let text = base;
        for (const e of edits) text = text.slice(0, e.at) + e.insert + text.slice(e.at + e.drop);
        const t0 = Date.now();
        try {
          const t = parseCloudFormation(text, 'fuzz.json');
          for (const r of t?.resources ?? []) r.positionOf(['X', 0]);
        } catch (e) {
          if (!(e instanceof SourceParseError)) throw e;
        }
        expect(Date.now() - t0).toBeLessThan(1000);
      }),
      { numRuns: 500 },
    );
  });
});
