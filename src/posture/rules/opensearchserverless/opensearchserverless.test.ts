import { describe, expect, it } from 'vitest';
import { ResourceGraph } from '../../graph.js';
import type { RuleContext } from '../../rule.js';
import { parseCloudFormation } from '../../sources/cloudformation.js';
import { runRules, verdicts } from '../../test-helpers.js';
import { opensearchServerlessAccessPolicyNoWildcard } from './opensearch-serverless-access-policy-no-wildcard.js';
import { opensearchServerlessCollectionCmk } from './opensearch-serverless-collection-cmk.js';
import { opensearchServerlessNetworkNotPublic } from './opensearch-serverless-network-not-public.js';
import { patternCovers, renderText, specificity } from './policy-text.js';

const tpl = (resources: string, params = '') =>
  `AWSTemplateFormatVersion: "2010-09-09"\n${params}Resources:\n${resources}`;
const collection = (name: string) =>
  `    Type: AWS::OpenSearchServerless::Collection\n    Properties: { Name: ${name}, Type: VECTORSEARCH }\n`;
const encryption = (policy: string) =>
  `    Type: AWS::OpenSearchServerless::SecurityPolicy\n    Properties:\n      Name: p\n      Type: encryption\n      Policy: ${policy}\n`;

describe('opensearch-serverless-collection-cmk', () => {
  const t = tpl(
    `  KbVectors:
${collection('!Ref CollectionName')}  KbVectorsPolicy:
${encryption(`!Sub '{"Rules":[{"ResourceType":"collection","Resource":["collection/\${CollectionName}"]}],"AWSOwnedKey":false,"KmsARN":"\${VectorKey.Arn}"}'`)}  RagDev:
${collection('rag-dev')}  RagProd:
${collection('rag-prod')}  RagWide:
${encryption(`'{"Rules":[{"ResourceType":"collection","Resource":["collection/rag-*"]}],"AWSOwnedKey":true}'`)}  RagProdExact:
${encryption(`'{"Rules":[{"ResourceType":"collection","Resource":["collection/rag-prod"]}],"AWSOwnedKey":false,"KmsARN":"arn:aws:kms:us-east-1:111122223333:key/k"}'`)}  Orphan:
${collection('orphan')}  Inline:
    Type: AWS::OpenSearchServerless::Collection
    Properties: { Name: inline, EncryptionConfig: { AWSOwnedKey: false, KmsKeyArn: !GetAtt VectorKey.Arn } }
  InlineOwned:
    Type: AWS::OpenSearchServerless::Collection
    Properties: { Name: inline-owned, EncryptionConfig: { AWSOwnedKey: true } }
  Joined:
${collection('joined-vectors')}  JoinedPolicy:
${encryption(`!Join ['', ['{"Rules":[{"ResourceType":"collection","Resource":["collection/', 'joined-*', '"]}],"AWSOwnedKey":false,"KmsARN":"k"}']]`)}`,
    'Parameters:\n  CollectionName: { Type: String }\n',
  );
  it('follows the most specific encryption policy, matching names built from parameters', () =>
    expect(verdicts(t, opensearchServerlessCollectionCmk)).toEqual([
      'pass KbVectors',
      'fail RagDev',
      'pass RagProd',
      'skip Orphan',
      'pass Inline',
      'fail InlineOwned',
      'pass Joined',
    ]));
  it('names the governing policy', () => {
    const f = runRules(t, [opensearchServerlessCollectionCmk]);
    expect(f.find((x) => x.resource.id === 'RagDev')?.message).toMatch(
      /AWS owned key through encryption policy RagWide \(collection\/rag-\*\)/,
    );
    expect(f.find((x) => x.resource.id === 'RagProd')?.message).toMatch(/RagProdExact/);
    expect(f.find((x) => x.resource.id === 'Orphan')?.message).toMatch(/not evidenced here/);
  });
});

describe('opensearch-serverless-network-not-public', () => {
  const network = (policy: string) =>
    `    Type: AWS::OpenSearchServerless::SecurityPolicy\n    Properties:\n      Name: n\n      Type: network\n      Policy: ${policy}\n`;
  const t = tpl(`  Private:
${network(`'[{"Rules":[{"ResourceType":"collection","Resource":["collection/kb"]}],"AllowFromPublic":false,"SourceServices":["bedrock.amazonaws.com"]}]'`)}  PublicDashboards:
${network(`'[{"Rules":[{"ResourceType":"collection","Resource":["collection/kb"]}],"AllowFromPublic":false,"SourceVPCEs":["vpce-1"]},{"Rules":[{"ResourceType":"dashboard","Resource":["collection/kb"]}],"AllowFromPublic":true}]'`)}  Public:
${network(`'[{"Rules":[{"ResourceType":"collection","Resource":["collection/kb"]}],"AllowFromPublic":"true"}]'`)}  Unreadable:
${network('!GetAtt Builder.PolicyText')}  Encryption:
${encryption(`'{"Rules":[],"AWSOwnedKey":true}'`)}`);
  it('fails any entry that allows public access and ignores encryption policies', () =>
    expect(verdicts(t, opensearchServerlessNetworkNotPublic)).toEqual([
      'pass Private',
      'fail PublicDashboards',
      'fail Public',
      'skip Unreadable',
    ]));
  it('lists what is exposed', () =>
    expect(runRules(t, [opensearchServerlessNetworkNotPublic])[1]?.message).toBe(
      'Network policy PublicDashboards allows public access to dashboard collection/kb.',
    ));
});

describe('opensearch-serverless-access-policy-no-wildcard', () => {
  const access = (policy: string, type = 'data') =>
    `    Type: AWS::OpenSearchServerless::AccessPolicy\n    Properties:\n      Name: a\n      Type: ${type}\n      Policy: ${policy}\n`;
  const t = tpl(`  Named:
${access(`!Sub '[{"Rules":[{"ResourceType":"index","Resource":["index/kb/*"],"Permission":["aoss:ReadDocument"]}],"Principal":["\${KbRole.Arn}"]}]'`)}  Star:
${access(`'[{"Rules":[{"ResourceType":"index","Resource":["index/kb/*"],"Permission":["aoss:*"]}],"Principal":["*"]}]'`)}  AnyAccount:
${access(`'[{"Rules":[],"Principal":["arn:aws:iam::111122223333:role/a"]},{"Rules":[],"Principal":["arn:aws:iam::*:role/reader"]}]'`)}`);
  it('fails wildcard principals in any entry', () =>
    expect(verdicts(t, opensearchServerlessAccessPolicyNoWildcard)).toEqual([
      'pass Named',
      'fail Star',
      'fail AnyAccount',
    ]));
});

describe('policy text helpers', () => {
  const t = parseCloudFormation(
    tpl(
      '  C:\n    Type: AWS::OpenSearchServerless::Collection\n    Properties: { Name: x }\n',
      'Parameters:\n  Env: { Type: String, Default: prod }\n  Free: { Type: String }\n',
    ),
    'x.yaml',
  )!;
  const graph = new ResourceGraph();
  graph.add(t);
  const ctx: RuleContext = { graph, value: () => undefined };
  const r = t.resources[0]!;
  it('render Sub, Join and Ref with defaults and stable tokens', () => {
    expect(renderText(ctx, r, { 'Fn::Sub': 'collection/kb-${Env}-${Free}-${!Literal}' })).toBe(
      'collection/kb-prod-⟨Free⟩-${Literal}',
    );
    expect(renderText(ctx, r, { 'Fn::Sub': ['a-${X}', { X: { Ref: 'Env' } }] })).toBe('a-prod');
    expect(renderText(ctx, r, { 'Fn::Join': ['-', ['a', { Ref: 'Free' }]] })).toBe('a-⟨Free⟩');
    expect(renderText(ctx, r, { 'Fn::GetAtt': ['X', 'Y'] })).toBeUndefined();
  });
  it('match exact names and prefixes, exact first', () => {
    expect(patternCovers('collection/rag-*', 'rag-prod')).toBe(true);
    expect(patternCovers('collection/rag-prod', 'rag-prod2')).toBe(false);
    expect(patternCovers('collection/*', 'anything')).toBe(true);
    expect(specificity('collection/rag-prod')).toBeGreaterThan(specificity('collection/rag-pro*'));
    expect(specificity('collection/rag-pro*')).toBeGreaterThan(specificity('collection/rag*'));
  });
});
