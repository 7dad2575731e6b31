import { describe, expect, it } from 'vitest';
import { dig } from '../../values.js';
import { refTarget } from '../intrinsics.js';
import { resourcesOf } from './test-fixtures.js';

describe('CloudTrail mapping', () => {
  it('maps multi-region, validation, logging, key and data event selectors', () => {
    const t = resourcesOf('secure.plan.json')('aws_cloudtrail.org');
    expect(t.type).toBe('AWS::CloudTrail::Trail');
    expect(t.properties).toMatchObject({
      TrailName: 'acme-trail',
      S3BucketName: 'acme-audit-logs',
      IsMultiRegionTrail: true,
      EnableLogFileValidation: true,
      IsLogging: true,
      IncludeGlobalServiceEvents: true,
    });
    expect(refTarget(t.properties.KMSKeyId)).toBe('aws_kms_key.data');
    expect(dig(t.properties, ['EventSelectors', 0, 'DataResources', 0])).toEqual({
      Type: 'AWS::S3::Object',
      Values: ['arn:aws:s3:::acme-kb-documents/'],
    });
  });
});
