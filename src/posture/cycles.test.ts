import { describe, expect, it } from 'vitest';
import { findReferenceCycles } from './cycles.js';
import { parseCloudFormation } from './sources/cloudformation.js';

const resources = (yaml: string) => parseCloudFormation(yaml, 't.yaml')!.resources;

describe('findReferenceCycles', () => {
  it('finds Ref / GetAtt / Sub / DependsOn cycles and names each step', () => {
    const r = resources(`Resources:
  A:
    Type: AWS::S3::Bucket
    Properties: { X: !Ref B }
  B:
    Type: AWS::S3::Bucket
    Properties: { X: !GetAtt C.Arn }
  C:
    Type: AWS::S3::Bucket
    Properties: { X: !Sub "\${A}-x" }
  D:
    Type: AWS::S3::Bucket
    DependsOn: E
  E:
    Type: AWS::S3::Bucket
    DependsOn: [D]
  F:
    Type: AWS::S3::Bucket
    Properties: { X: !Ref A }
`);
    expect(findReferenceCycles(r)).toEqual([
      ['A', 'B', 'C'],
      ['D', 'E'],
    ]);
  });

  it('ignores parameters, pseudo parameters and self references, and handles long chains iteratively', () => {
    const n = 20000;
    const chain = Array.from({ length: n }, (_, i) => ({
      id: `R${i}`,
      refs: i + 1 < n ? [`R${i + 1}`, 'SomeParam', 'AWS::Region', `R${i}`] : ['R0'],
    }));
    const cycles = findReferenceCycles(chain as never);
    expect(cycles).toHaveLength(1);
    expect(cycles[0]).toHaveLength(n);
    expect(findReferenceCycles(chain.slice(0, n - 1) as never)).toEqual([]);
  });

  it('does not count references in a branch a decided condition never takes', () => {
    const r = resources(`Conditions:
  Never: !Equals [a, b]
Resources:
  A:
    Type: AWS::S3::Bucket
    Properties: { X: !If [Never, !Ref B, none] }
  B:
    Type: AWS::S3::Bucket
    Properties: { X: !Ref A }
`);
    expect(findReferenceCycles(r)).toEqual([]);
    expect(r.find((x) => x.id === 'B')!.refs).toEqual(['A']);
  });
});
