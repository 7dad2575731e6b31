import { describe, expect, it } from 'vitest';
import { refTarget } from '../intrinsics.js';
import { ruleVerdicts as verdicts } from './rule-verdicts.js';
import { resourcesOf } from './test-fixtures.js';

const edge = resourcesOf('edge.plan.json');

describe('load balancer mapping', () => {
  it('writes access logs and header handling as LoadBalancerAttributes, internal as Scheme', () => {
    const lb = edge('aws_lb.api');
    expect(lb.type).toBe('AWS::ElasticLoadBalancingV2::LoadBalancer');
    expect(lb.properties).toMatchObject({ Type: 'application', Scheme: 'internet-facing' });
    const attrs = lb.properties.LoadBalancerAttributes as { Key: string; Value: unknown }[];
    expect(attrs.filter((a) => typeof a.Value === 'string').map((a) => `${a.Key}=${a.Value}`)).toEqual([
      'access_logs.s3.enabled=true',
      'access_logs.s3.prefix=api',
      'routing.http.drop_invalid_header_fields.enabled=true',
      'deletion_protection.enabled=true',
      'idle_timeout.timeout_seconds=60',
    ]);
    expect(refTarget(attrs.find((a) => a.Key === 'access_logs.s3.bucket')?.Value)).toBe('aws_s3_bucket.logs');
    expect(edge('aws_alb.internal_tools').properties.Scheme).toBe('internal');
    // Left to the provider, the scheme is not declared (CloudFormation's default, internet-facing, applies).
    expect(edge('aws_lb.inference_nlb').properties).not.toHaveProperty('Scheme');
  });

  it('maps listeners, their rules and classic load balancers', () => {
    const http = edge('aws_lb_listener.api_http');
    expect(http).toMatchObject({
      type: 'AWS::ElasticLoadBalancingV2::Listener',
      properties: { Protocol: 'HTTP', DefaultActions: [{ Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS' } }] },
    });
    expect(refTarget(http.properties.LoadBalancerArn)).toBe('aws_lb.api');
    const rule = edge('aws_lb_listener_rule.api_http_health');
    expect(rule).toMatchObject({ type: 'AWS::ElasticLoadBalancingV2::ListenerRule', properties: { Priority: 10 } });
    expect(refTarget(rule.properties.ListenerArn)).toBe('aws_lb_listener.api_http');
    expect(edge('aws_elb.legacy_logged')).toMatchObject({
      type: 'AWS::ElasticLoadBalancing::LoadBalancer',
      properties: {
        AccessLoggingPolicy: { Enabled: true, S3BucketName: 'acme-edge-logs', EmitInterval: 60 },
        Listeners: [{ LoadBalancerPort: 443, Protocol: 'https' }],
      },
    });
  });
});

describe('load balancer rules on a plan', () => {
  it('elb-access-logging reads aws_lb and aws_elb access_logs', () =>
    expect(verdicts('edge.plan.json', 'elb-access-logging')).toEqual([
      'fail aws_alb.internal_tools',
      'fail aws_elb.legacy_silent',
      'fail aws_lb.inference_nlb',
      'pass aws_elb.legacy_logged',
      'pass aws_lb.api',
    ]));
  it('elb-alb-drop-invalid-headers judges application load balancers only', () =>
    expect(verdicts('edge.plan.json', 'elb-alb-drop-invalid-headers')).toEqual([
      'fail aws_alb.internal_tools',
      'pass aws_lb.api',
    ]));
  it('elb-alb-waf finds the web ACL association of internet-facing ALBs', () =>
    expect(verdicts('edge.plan.json', 'elb-alb-waf')).toEqual(['pass aws_lb.api']));
  it('elb-listener-https sees a listener rule that forwards plain HTTP past the redirect', () =>
    expect(verdicts('edge.plan.json', 'elb-listener-https')).toEqual([
      'fail aws_lb_listener.api_http',
      'pass aws_lb_listener.api_https',
      'pass aws_lb_listener.tools_https_default_policy',
    ]));
  it('elb-listener-tls12 fails an HTTPS listener that leaves ssl_policy to the default', () =>
    expect(verdicts('edge.plan.json', 'elb-listener-tls12')).toEqual([
      'fail aws_lb_listener.tools_https_default_policy',
      'pass aws_lb_listener.api_http',
      'pass aws_lb_listener.api_https',
    ]));
});
