import { describe, expect, it } from 'vitest';
import { runRules, verdicts } from '../../test-helpers.js';
import { hasPinningCondition, isWildcardPrincipal, policyDocument, publicGrants } from './public-principal.js';
import { s3BucketAccessLogging } from './s3-bucket-access-logging.js';
import {
  criticalTag,
  s3BucketCriticalObjectLockOrReplication,
} from './s3-bucket-critical-object-lock-or-replication.js';
import { s3BucketNoPublicAcl } from './s3-bucket-no-public-acl.js';
import { s3BucketPolicyNoPublicPrincipal } from './s3-bucket-policy-no-public-principal.js';

const tpl = (resources: string, params = '') =>
  `AWSTemplateFormatVersion: "2010-09-09"\n${params}Resources:\n${resources}`;

describe('s3-bucket-access-logging', () => {
  const t = tpl(`  Logged:
    Type: AWS::S3::Bucket
    Properties:
      LoggingConfiguration: { DestinationBucketName: !Ref LogBucket, LogFilePrefix: data/ }
  SelfLogged:
    Type: AWS::S3::Bucket
    Properties:
      LoggingConfiguration: {}
  LogBucket:
    Type: AWS::S3::Bucket
  Unlogged:
    Type: AWS::S3::Bucket
    Properties: { BucketName: plain }
  Conditional:
    Type: AWS::S3::Bucket
    Properties:
      LoggingConfiguration: !If [Prod, { DestinationBucketName: !Ref LogBucket }, !Ref AWS::NoValue]
  NeverLogged:
    Type: AWS::S3::Bucket
    Properties:
      LoggingConfiguration: !If [Prod, !Ref AWS::NoValue, !Ref AWS::NoValue]
`);
  it('passes configured, self-delivering and log-destination buckets; fails the rest', () =>
    expect(verdicts(t, s3BucketAccessLogging)).toEqual([
      'pass Logged',
      'pass SelfLogged',
      'pass LogBucket',
      'fail Unlogged',
      'pass Conditional',
      'fail NeverLogged',
    ]));
  it('says why a log destination passes', () => {
    const f = runRules(t, [s3BucketAccessLogging]).find((x) => x.resource.id === 'LogBucket');
    expect(f?.message).toMatch(/access-log destination of Logged, Conditional/);
  });
});

describe('s3-bucket-critical-object-lock-or-replication', () => {
  const critical = (key = 'data-criticality', value = 'critical') => `Tags: [{ Key: ${key}, Value: ${value} }]`;
  const t = tpl(
    `  Locked:
    Type: AWS::S3::Bucket
    Properties:
      ${critical()}
      ObjectLockEnabled: "true"
      ObjectLockConfiguration: { ObjectLockEnabled: Enabled, Rule: { DefaultRetention: { Mode: COMPLIANCE, Years: 1 } } }
  LockNoRetention:
    Type: AWS::S3::Bucket
    Properties:
      ${critical('Criticality', 'HIGH')}
      ObjectLockEnabled: true
  Replicated:
    Type: AWS::S3::Bucket
    Properties:
      ${critical('data_criticality')}
      ReplicationConfiguration:
        Role: r
        Rules: [{ Status: Enabled, Destination: { Bucket: arn:aws:s3:::copy } }]
  ReplicationOff:
    Type: AWS::S3::Bucket
    Properties:
      ${critical()}
      ReplicationConfiguration:
        Role: r
        Rules: [{ Status: Disabled, Destination: { Bucket: arn:aws:s3:::copy } }]
  Unprotected:
    Type: AWS::S3::Bucket
    Properties:
      ${critical()}
  LowCriticality:
    Type: AWS::S3::Bucket
    Properties:
      ${critical('criticality', 'low')}
  Untagged:
    Type: AWS::S3::Bucket
  ParamTagged:
    Type: AWS::S3::Bucket
    Properties:
      Tags: [{ Key: criticality, Value: !Ref Criticality }]
`,
    'Parameters:\n  Criticality: { Type: String, Default: critical }\n',
  );
  it('applies only to buckets tagged critical or high', () =>
    expect(verdicts(t, s3BucketCriticalObjectLockOrReplication)).toEqual([
      'pass Locked',
      'fail LockNoRetention',
      'pass Replicated',
      'fail ReplicationOff',
      'fail Unprotected',
      'fail ParamTagged',
    ]));
  it('names both gaps', () => {
    const f = runRules(t, [s3BucketCriticalObjectLockOrReplication]).find((x) => x.resource.id === 'LockNoRetention');
    expect(f?.message).toMatch(/without a default retention rule and has no replication/);
  });
  it('reads criticality tags regardless of case and separators', () => {
    expect(criticalTag([{ Key: 'Data Criticality', Value: 'High' }])).toEqual({
      key: 'Data Criticality',
      value: 'High',
    });
    expect(criticalTag([{ Key: 'criticality', Value: 'medium' }])).toBeUndefined();
    expect(criticalTag([{ Key: 'owner', Value: 'critical' }])).toBeUndefined();
  });
});

describe('s3-bucket-no-public-acl', () => {
  const t = tpl(
    `  Private:
    Type: AWS::S3::Bucket
    Properties: { AccessControl: Private }
  NoAcl:
    Type: AWS::S3::Bucket
  PublicRead:
    Type: AWS::S3::Bucket
    Properties: { AccessControl: PublicRead }
  PublicReadWrite:
    Type: AWS::S3::Bucket
    Properties: { AccessControl: PublicReadWrite }
  AuthRead:
    Type: AWS::S3::Bucket
    Properties: { AccessControl: AuthenticatedRead }
  FromParam:
    Type: AWS::S3::Bucket
    Properties: { AccessControl: !Ref Acl }
  Imported:
    Type: AWS::S3::Bucket
    Properties: { AccessControl: !ImportValue acl }
`,
    'Parameters:\n  Acl: { Type: String, Default: PublicRead }\n',
  );
  it('fails public canned ACLs, including parameter defaults; an import is not evidenced', () =>
    expect(verdicts(t, s3BucketNoPublicAcl)).toEqual([
      'pass Private',
      'pass NoAcl',
      'fail PublicRead',
      'fail PublicReadWrite',
      'fail AuthRead',
      'fail FromParam',
      'skip Imported',
    ]));
  it('points at the AccessControl line', () => {
    const f = runRules(t, [s3BucketNoPublicAcl]).find((x) => x.resource.id === 'PublicReadWrite')!;
    expect(f.resource.line).toBe(t.split('\n').findIndex((l) => l.includes('PublicReadWrite }')) + 1);
  });
});

describe('s3-bucket-policy-no-public-principal', () => {
  const policy = (statement: string) => `    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: b
      PolicyDocument:
        Statement:
          - ${statement}
`;
  const t = tpl(`  Named:
${policy('{ Effect: Allow, Principal: { AWS: arn:aws:iam::111122223333:role/reader }, Action: s3:GetObject, Resource: "*" }')}  OrgPinned:
${policy('{ Effect: Allow, Principal: "*", Action: s3:GetObject, Resource: "*", Condition: { StringEquals: { "aws:PrincipalOrgID": o-123 } } }')}  DenyAll:
${policy('{ Effect: Deny, Principal: "*", Action: "s3:*", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } }')}  Open:
${policy('{ Effect: Allow, Principal: "*", Action: s3:GetObject, Resource: "*" }')}  TlsOnlyCondition:
${policy('{ Effect: Allow, Principal: { AWS: "*" }, Action: s3:PutObject, Resource: "*", Condition: { Bool: { "aws:SecureTransport": "true" } } }')}  NegatedCondition:
${policy('{ Effect: Allow, Principal: "*", Action: s3:GetObject, Resource: "*", Condition: { StringNotEquals: { "aws:SourceVpce": vpce-1 } } }')}  NotPrincipal:
${policy('{ Effect: Allow, NotPrincipal: { AWS: arn:aws:iam::111122223333:root }, Action: s3:GetObject, Resource: "*" }')}`);
  it('fails grants to everyone unless a condition pins the caller', () =>
    expect(verdicts(t, s3BucketPolicyNoPublicPrincipal)).toEqual([
      'pass Named',
      'pass OrgPinned',
      'pass DenyAll',
      'fail Open',
      'fail TlsOnlyCondition',
      'fail NegatedCondition',
      'fail NotPrincipal',
    ]));
  it('points at the offending statement', () => {
    const f = runRules(t, [s3BucketPolicyNoPublicPrincipal]).find((x) => x.resource.id === 'Open')!;
    const openLine = t
      .split('\n')
      .findIndex((l) => l.includes('Action: s3:GetObject, Resource: "*" }') && !l.includes('AWS:'));
    expect(f.resource.line).toBe(openLine + 1);
  });
});

describe('public principal helpers', () => {
  it('recognise wildcard principals', () => {
    expect(isWildcardPrincipal('*')).toBe(true);
    expect(isWildcardPrincipal({ AWS: ['arn:aws:iam::1:root', '*'] })).toBe(true);
    expect(isWildcardPrincipal({ AWS: 'arn:aws:iam::1:root' })).toBe(false);
    expect(isWildcardPrincipal({ Service: 'bedrock.amazonaws.com' })).toBe(false);
  });
  it('count only conditions that pin the caller', () => {
    expect(hasPinningCondition({ StringEquals: { 'kms:CallerAccount': '111122223333' } })).toBe(true);
    expect(hasPinningCondition({ 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': ['o-1/*'] } })).toBe(true);
    expect(hasPinningCondition({ StringEquals: { 'aws:PrincipalOrgID': '*' } })).toBe(false);
    expect(hasPinningCondition({ StringEqualsIfExists: { 'aws:SourceVpce': 'vpce-1' } })).toBe(false);
    expect(hasPinningCondition({ Null: { 'aws:PrincipalOrgID': 'false' } })).toBe(false);
    expect(hasPinningCondition({ StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' } })).toBe(false);
  });
  it('parse policies given as JSON strings', () => {
    const doc = policyDocument('{"Statement":[{"Effect":"Allow","Principal":"*","Action":"kms:Decrypt"}]}');
    expect(publicGrants(doc).map((s) => s.actions)).toEqual([['kms:Decrypt']]);
    expect(policyDocument('{not json')).toBeUndefined();
  });
});
