import { describe, expect, it } from 'vitest';
import { runRules, verdicts } from '../../test-helpers.js';
import { ecrRepositoryCmk } from './ecr-repository-cmk.js';
import { ecrRepositoryImmutableTags } from './ecr-repository-immutable-tags.js';
import { ecrRepositoryNotPublic } from './ecr-repository-not-public.js';
import { ecrRepositoryScanOnPush } from './ecr-repository-scan-on-push.js';

const tpl = (resources: string) => `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n${resources}`;
const repo = (props: string) => `    Type: AWS::ECR::Repository\n    Properties: { ${props} }\n`;

describe('ecr-repository-scan-on-push', () => {
  const own = tpl(`  Scanned:
${repo('ImageScanningConfiguration: { ScanOnPush: "true" }')}  NotScanned:
${repo('RepositoryName: model-serving')}`);
  it('passes the repository setting', () =>
    expect(verdicts(own, ecrRepositoryScanOnPush)).toEqual(['pass Scanned', 'fail NotScanned']));
  const registry = tpl(`  Serving:
${repo('RepositoryName: serving/llm')}  Other:
${repo('RepositoryName: tools/agent')}  Unnamed:
${repo('ImageTagMutability: IMMUTABLE')}  Registry:
    Type: AWS::ECR::RegistryScanningConfiguration
    Properties:
      ScanType: ENHANCED
      Rules:
        - { ScanFrequency: CONTINUOUS_SCAN, RepositoryFilters: [{ Filter: "serving/*", FilterType: WILDCARD }] }
        - { ScanFrequency: MANUAL, RepositoryFilters: [{ Filter: "*", FilterType: WILDCARD }] }
`);
  it('accepts a registry scanning rule whose filter matches the repository', () => {
    expect(verdicts(registry, ecrRepositoryScanOnPush)).toEqual(['pass Serving', 'fail Other', 'fail Unnamed']);
    expect(runRules(registry, [ecrRepositoryScanOnPush])[0]?.message).toMatch(/registry configuration Registry/);
  });
});

describe('ecr-repository-immutable-tags', () => {
  const t = tpl(`  Immutable:
${repo('ImageTagMutability: IMMUTABLE')}  WithExclusion:
${repo('ImageTagMutability: IMMUTABLE_WITH_EXCLUSION, ImageTagMutabilityExclusionFilters: [{ ImageTagMutabilityExclusionFilterType: WILDCARD, ImageTagMutabilityExclusionFilterValue: latest }]')}  Mutable:
${repo('ImageTagMutability: MUTABLE')}  Default:
${repo('RepositoryName: r')}  MostlyMutable:
${repo('ImageTagMutability: MUTABLE_WITH_EXCLUSION')}`);
  it('requires immutable tags', () =>
    expect(verdicts(t, ecrRepositoryImmutableTags)).toEqual([
      'pass Immutable',
      'pass WithExclusion',
      'fail Mutable',
      'fail Default',
      'fail MostlyMutable',
    ]));
});

describe('ecr-repository-cmk', () => {
  const t = tpl(`  Cmk:
${repo('EncryptionConfiguration: { EncryptionType: KMS, KmsKey: !Ref ImageKey }')}  Dsse:
${repo('EncryptionConfiguration: { EncryptionType: KMS_DSSE, KmsKey: arn:aws:kms:us-east-1:111122223333:key/k }')}  AwsKey:
${repo('EncryptionConfiguration: { EncryptionType: KMS }')}  Aes:
${repo('EncryptionConfiguration: { EncryptionType: AES256 }')}  Default:
${repo('RepositoryName: r')}`);
  it('requires KMS with a customer managed key', () =>
    expect(verdicts(t, ecrRepositoryCmk)).toEqual([
      'pass Cmk',
      'pass Dsse',
      'fail AwsKey',
      'fail Aes',
      'fail Default',
    ]));
});

describe('ecr-repository-not-public', () => {
  const t = tpl(`  NoPolicy:
${repo('RepositoryName: r')}  CrossAccount:
${repo('RepositoryPolicyText: { Statement: [{ Effect: Allow, Principal: { AWS: arn:aws:iam::444455556666:root }, Action: ecr:BatchGetImage }] }')}  OrgOnly:
${repo('RepositoryPolicyText: { Statement: [{ Effect: Allow, Principal: "*", Action: ecr:BatchGetImage, Condition: { StringEquals: { "aws:PrincipalOrgID": o-1 } } }] }')}  Public:
${repo('RepositoryPolicyText: \'{"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":["ecr:BatchGetImage","ecr:PutImage"]}]}\'')}`);
  it('fails unpinned grants to everyone', () =>
    expect(verdicts(t, ecrRepositoryNotPublic)).toEqual([
      'pass NoPolicy',
      'pass CrossAccount',
      'pass OrgOnly',
      'fail Public',
    ]));
});
