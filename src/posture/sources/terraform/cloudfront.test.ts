import { describe, expect, it } from 'vitest';
import { refTarget } from '../intrinsics.js';
import { ruleVerdicts as verdicts } from './rule-verdicts.js';
import { resourcesOf } from './test-fixtures.js';

const edge = resourcesOf('edge.plan.json');

describe('CloudFront mapping', () => {
  it('maps a distribution into DistributionConfig', () => {
    const d = edge('aws_cloudfront_distribution.api');
    expect(d.type).toBe('AWS::CloudFront::Distribution');
    expect(d.properties.DistributionConfig).toMatchObject({
      Enabled: true,
      WebACLId: 'arn:aws:wafv2:us-east-1:111122223333:global/webacl/edge/1',
      Logging: { Prefix: 'cdn/', IncludeCookies: false },
      Origins: [
        {
          Id: 'api',
          CustomOriginConfig: { OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] },
        },
      ],
      DefaultCacheBehavior: { ViewerProtocolPolicy: 'redirect-to-https' },
      CacheBehaviors: [{ PathPattern: '/v1/*', ViewerProtocolPolicy: 'https-only' }],
      ViewerCertificate: { MinimumProtocolVersion: 'TLSv1.2_2021', CloudFrontDefaultCertificate: false },
    });
    const config = d.properties.DistributionConfig as { Logging: { Bucket: unknown } };
    expect(refTarget(config.Logging.Bucket)).toBe('aws_s3_bucket.logs');
    expect(edge('aws_cloudfront_distribution.legacy').properties.DistributionConfig).not.toHaveProperty('WebACLId');
  });

  it('maps a vended log delivery source to the distribution it logs', () => {
    const s = edge('aws_cloudwatch_log_delivery_source.cdn');
    expect(s).toMatchObject({ type: 'AWS::Logs::DeliverySource', properties: { LogType: 'ACCESS_LOGS' } });
    expect(refTarget(s.properties.ResourceArn)).toBe('aws_cloudfront_distribution.logs_v2');
  });
});

describe('CloudFront rules on a plan', () => {
  const all = (ok: string[]) =>
    ['api', 'legacy', 'logs_v2']
      .map((n) => `${ok.includes(n) ? 'pass' : 'fail'} aws_cloudfront_distribution.${n}`)
      .sort();
  it('cloudfront-access-logging: logging_config or a log delivery source', () =>
    expect(verdicts('edge.plan.json', 'cloudfront-access-logging')).toEqual(all(['api', 'logs_v2'])));
  it('cloudfront-waf', () => expect(verdicts('edge.plan.json', 'cloudfront-waf')).toEqual(all(['api'])));
  it('cloudfront-viewer-https reads ordered cache behaviours', () =>
    expect(verdicts('edge.plan.json', 'cloudfront-viewer-https')).toEqual(all(['api', 'logs_v2'])));
  it('cloudfront-tls12 reads the viewer certificate', () =>
    expect(verdicts('edge.plan.json', 'cloudfront-tls12')).toEqual(all(['api', 'logs_v2'])));
  it('cloudfront-origin-tls12 reads custom origin protocols', () =>
    expect(verdicts('edge.plan.json', 'cloudfront-origin-tls12')).toEqual(all(['api'])));
});
