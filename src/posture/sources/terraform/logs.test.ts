import { describe, expect, it } from 'vitest';
import { refTarget } from '../intrinsics.js';
import { resourcesOf } from './test-fixtures.js';

describe('CloudWatch Logs mapping', () => {
  it('maps retention and key', () => {
    const g = resourcesOf('secure.plan.json')('aws_cloudwatch_log_group.agent');
    expect(g.type).toBe('AWS::Logs::LogGroup');
    expect(g.properties.RetentionInDays).toBe(365);
    expect(refTarget(g.properties.KmsKeyId)).toBe('aws_kms_key.data');
  });

  it('reads retention 0 as "never expire", which CloudFormation spells as no RetentionInDays', () => {
    const g = resourcesOf('insecure.plan.json')('aws_cloudwatch_log_group.agent');
    expect(g.properties).not.toHaveProperty('RetentionInDays');
    expect(g.properties).not.toHaveProperty('KmsKeyId');
  });

  it('folds a data protection policy into the log group', () => {
    const g = resourcesOf('data.plan.json')('aws_cloudwatch_log_group.agent');
    expect(g.properties.DataProtectionPolicy).toMatchObject({ Name: 'pii' });
  });
});
