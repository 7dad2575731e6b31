import { describe, expect, it } from 'vitest';
import { verdicts } from '../../test-helpers.js';
import { elbAccessLogging } from './elb-access-logging.js';

const tpl = (resources: string, params = '') =>
  `AWSTemplateFormatVersion: "2010-09-09"\n${params}Resources:\n${resources}`;
const v2 = (props: string) =>
  `    Type: AWS::ElasticLoadBalancingV2::LoadBalancer\n    Properties: { Subnets: [subnet-1, subnet-2], ${props} }\n`;
const classic = (props: string) =>
  `    Type: AWS::ElasticLoadBalancing::LoadBalancer\n    Properties: { Listeners: [{ LoadBalancerPort: "443", InstancePort: "8080", Protocol: HTTPS }], ${props} }\n`;

describe('elb-access-logging', () => {
  const t = tpl(
    `  Logged:
${v2('LoadBalancerAttributes: [{ Key: access_logs.s3.enabled, Value: "true" }, { Key: access_logs.s3.bucket, Value: logs }]')}  Disabled:
${v2('LoadBalancerAttributes: [{ Key: access_logs.s3.enabled, Value: "false" }]')}  OtherAttributes:
${v2('LoadBalancerAttributes: [{ Key: routing.http.drop_invalid_header_fields.enabled, Value: "true" }]')}  Bare:
${v2('Scheme: internal')}  Nlb:
${v2('Type: network, LoadBalancerAttributes: [{ Key: access_logs.s3.enabled, Value: true }]')}  Gateway:
${v2('Type: gateway')}  Deploy:
${v2('LoadBalancerAttributes: [{ Key: access_logs.s3.enabled, Value: !Ref LogsOn }]')}  ClassicLogged:
${classic('AccessLoggingPolicy: { Enabled: true, S3BucketName: logs }')}  ClassicOff:
${classic('AccessLoggingPolicy: { Enabled: false, S3BucketName: logs }')}  ClassicBare:
${classic('Scheme: internet-facing')}`,
    'Parameters:\n  LogsOn: { Type: String }\n',
  );
  it('requires access logs on application, network and classic load balancers', () =>
    expect(verdicts(t, elbAccessLogging)).toEqual([
      'pass Logged',
      'fail Disabled',
      'fail OtherAttributes',
      'fail Bare',
      'pass Nlb',
      'skip Deploy',
      'pass ClassicLogged',
      'fail ClassicOff',
      'fail ClassicBare',
    ]));
});
