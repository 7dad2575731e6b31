import { describe, expect, it } from 'vitest';
import { verdicts } from '../../test-helpers.js';
import { logsGroupKms, logsGroupRetention } from './logs-group-kms-retention.js';

const tpl = (resources: string) => `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n${resources}`;

describe('log group rules', () => {
  const t = tpl(`  Good:
    Type: AWS::Logs::LogGroup
    Properties: { KmsKeyId: !GetAtt LogKey.Arn, RetentionInDays: 90 }
  Bare:
    Type: AWS::Logs::LogGroup
  NoValue:
    Type: AWS::Logs::LogGroup
    Properties: { KmsKeyId: !Ref AWS::NoValue, RetentionInDays: !Ref AWS::NoValue }
  Imported:
    Type: AWS::Logs::LogGroup
    Properties: { KmsKeyId: !ImportValue shared-log-key, RetentionInDays: !Ref Days }
`);
  it('logs-group-kms', () =>
    expect(verdicts(t, logsGroupKms)).toEqual(['pass Good', 'fail Bare', 'fail NoValue', 'pass Imported']));
  it('logs-group-retention', () =>
    expect(verdicts(t, logsGroupRetention)).toEqual(['pass Good', 'fail Bare', 'fail NoValue', 'pass Imported']));
});
