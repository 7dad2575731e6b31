import { describe, expect, it } from 'vitest';
import { verdicts } from '../../test-helpers.js';
import { cloudfrontAccessLogging } from './cloudfront-access-logging.js';

const dist = (id: string, config: string) => `  ${id}:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        Origins: [{ Id: app, DomainName: app.example.com, CustomOriginConfig: { OriginProtocolPolicy: https-only } }]
        DefaultCacheBehavior: { TargetOriginId: app, ViewerProtocolPolicy: https-only }
${config}`;
const tpl = (resources: string) => `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n${resources}`;

describe('cloudfront-access-logging', () => {
  const t = tpl(
    dist('Legacy', '        Logging: { Bucket: !GetAtt Logs.RegionalDomainName, Prefix: cf/ }\n') +
      dist('V2', '') +
      dist('Silent', '') +
      dist('EmptyLogging', '        Logging: { Prefix: cf/ }\n') +
      `  Logs:
    Type: AWS::S3::Bucket
  V2Source:
    Type: AWS::Logs::DeliverySource
    Properties:
      Name: cf-v2
      LogType: ACCESS_LOGS
      ResourceArn: !Sub "arn:aws:cloudfront::\${AWS::AccountId}:distribution/\${V2}"
`,
  );
  it('accepts legacy standard logging to S3 or a v2 delivery source naming the distribution', () =>
    expect(verdicts(t, cloudfrontAccessLogging)).toEqual([
      'pass Legacy',
      'pass V2',
      'fail Silent',
      'fail EmptyLogging',
    ]));
});
