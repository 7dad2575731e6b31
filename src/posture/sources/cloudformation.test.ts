import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCloudFormation, SourceParseError } from './cloudformation.js';

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
});
