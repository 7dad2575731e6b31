import { describe, expect, it } from 'vitest';
import { verdicts } from '../../test-helpers.js';
import { cloudfrontOriginTls12 } from './cloudfront-origin-tls12.js';

const dist = (id: string, origins: string) => `  ${id}:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        Origins: [${origins}]
        DefaultCacheBehavior: { TargetOriginId: app, ViewerProtocolPolicy: https-only }
`;
const custom = (config: string, id = 'app') =>
  `{ Id: ${id}, DomainName: app.example.com, CustomOriginConfig: { ${config} } }`;
const tpl = (resources: string, params = '') =>
  `AWSTemplateFormatVersion: "2010-09-09"\n${params}Resources:\n${resources}`;

describe('cloudfront-origin-tls12', () => {
  const t = tpl(
    dist('Modern', custom('OriginProtocolPolicy: https-only, OriginSSLProtocols: [TLSv1.2]')) +
      dist('HttpOrigin', custom('OriginProtocolPolicy: http-only')) +
      dist('MatchViewer', custom('OriginProtocolPolicy: match-viewer, OriginSSLProtocols: [TLSv1.2]')) +
      dist('Tls11', custom('OriginProtocolPolicy: https-only, OriginSSLProtocols: [TLSv1.1, TLSv1.2]')) +
      dist('Unlisted', custom('OriginProtocolPolicy: https-only')) +
      dist(
        'SecondOriginWeak',
        `${custom('OriginProtocolPolicy: https-only, OriginSSLProtocols: [TLSv1.2]')}, ${custom('OriginProtocolPolicy: https-only, OriginSSLProtocols: [SSLv3]', 'legacy')}`,
      ) +
      dist('S3Only', '{ Id: site, DomainName: b.s3.amazonaws.com, S3OriginConfig: {} }') +
      dist('FromParam', custom('OriginProtocolPolicy: !Ref Policy, OriginSSLProtocols: [TLSv1.2]')),
    'Parameters:\n  Policy: { Type: String }\n',
  );
  it('requires https-only and TLS 1.2+ on every custom origin, ignoring S3 origins', () =>
    expect(verdicts(t, cloudfrontOriginTls12)).toEqual([
      'pass Modern',
      'fail HttpOrigin',
      'fail MatchViewer',
      'fail Tls11',
      'fail Unlisted',
      'fail SecondOriginWeak',
      'skip FromParam',
    ]));
});
