import { describe, expect, it } from 'vitest';
import { bundledCatalog } from '../../../catalog/catalog.js';
import { runRules, verdicts } from '../../test-helpers.js';
import { elbAlbDropInvalidHeaders } from './elb-alb-drop-invalid-headers.js';
import { elbAlbWaf } from './elb-alb-waf.js';
import { elbListenerHttps } from './elb-listener-https.js';
import { elbListenerTls12 } from './elb-listener-tls12.js';
import { elbRules } from './index.js';

const tpl = (resources: string, extra = '') =>
  `AWSTemplateFormatVersion: "2010-09-09"\n${extra}Resources:\n${resources}`;

describe('elb rule metadata', () => {
  it('names only catalog controls', () => {
    const known = new Set(bundledCatalog().controls.map((c) => c.id));
    for (const r of elbRules) for (const c of r.controls) expect(known, `${r.id} → ${c}`).toContain(c);
  });
});

const lbs = `  PublicAlb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Subnets: [a, b]
      LoadBalancerAttributes:
        - { Key: deletion_protection.enabled, Value: "true" }
        - { Key: routing.http.drop_invalid_header_fields.enabled, Value: "true" }
  UnprotectedAlb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Type: application
      Scheme: internet-facing
      Subnets: [a, b]
      LoadBalancerAttributes:
        - { Key: routing.http.drop_invalid_header_fields.enabled, Value: false }
  InternalAlb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties: { Scheme: !Ref Scheme, Subnets: [a, b] }
  Nlb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties: { Type: network, Subnets: [a, b] }
  Assoc:
    Type: AWS::WAFv2::WebACLAssociation
    Properties: { ResourceArn: !Ref PublicAlb, WebACLArn: !GetAtt Acl.Arn }
`;
const schemeParam = 'Parameters:\n  Scheme: { Type: String, Default: internal }\n';

describe('load balancers', () => {
  it('elb-alb-waf judges internet-facing ALBs only (scheme from a parameter default)', () =>
    expect(verdicts(tpl(lbs, schemeParam), elbAlbWaf)).toEqual(['pass PublicAlb', 'fail UnprotectedAlb']));

  it('elb-alb-waf treats an unresolvable scheme as internet-facing', () =>
    expect(verdicts(tpl(lbs, 'Parameters:\n  Scheme: { Type: String }\n'), elbAlbWaf)).toEqual([
      'pass PublicAlb',
      'fail UnprotectedAlb',
      'fail InternalAlb',
    ]));

  it('elb-alb-drop-invalid-headers reads string and boolean values; NLBs are not judged', () =>
    expect(verdicts(tpl(lbs, schemeParam), elbAlbDropInvalidHeaders)).toEqual([
      'pass PublicAlb',
      'fail UnprotectedAlb',
      'fail InternalAlb',
    ]));
});

const listeners = `  Lb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties: { Subnets: [a, b] }
  Gwlb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties: { Type: gateway, SubnetMappings: [{ SubnetId: a }] }
  Https:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref Lb
      Protocol: HTTPS
      SslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06
      DefaultActions: [{ Type: forward, TargetGroupArn: tg }]
  OldTls:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref Lb
      Protocol: HTTPS
      SslPolicy: !Ref Policy
      DefaultActions: [{ Type: forward, TargetGroupArn: tg }]
  NoPolicy:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties: { LoadBalancerArn: !Ref Lb, Protocol: TLS, DefaultActions: [{ Type: forward, TargetGroupArn: tg }] }
  Redirect:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref Lb
      Protocol: HTTP
      DefaultActions:
        - { Type: redirect, RedirectConfig: { Protocol: HTTPS, Port: "443", StatusCode: HTTP_301 } }
  RedirectWithLeak:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref Lb
      Protocol: HTTP
      DefaultActions:
        - { Type: redirect, RedirectConfig: { Protocol: HTTPS, StatusCode: HTTP_301 } }
  LeakRule:
    Type: AWS::ElasticLoadBalancingV2::ListenerRule
    Properties:
      ListenerArn: !Ref RedirectWithLeak
      Priority: 1
      Conditions: [{ Field: path-pattern, Values: [/api/*] }]
      Actions: [{ Type: forward, TargetGroupArn: tg }]
  Plain:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties: { LoadBalancerArn: !Ref Lb, Protocol: HTTP, DefaultActions: [{ Type: forward, TargetGroupArn: tg }] }
  MaybeRedirect:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref Lb
      Protocol: HTTP
      DefaultActions: !If
        - IsProd
        - [{ Type: redirect, RedirectConfig: { Protocol: HTTPS, StatusCode: HTTP_301 } }]
        - [{ Type: forward, TargetGroupArn: tg }]
  Tcp:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties: { LoadBalancerArn: !Ref Lb, Protocol: TCP, DefaultActions: [{ Type: forward, TargetGroupArn: tg }] }
  Gateway:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties: { LoadBalancerArn: !Ref Gwlb, DefaultActions: [{ Type: forward, TargetGroupArn: tg }] }
`;
const listenerParams =
  'Parameters:\n  Policy: { Type: String, Default: ELBSecurityPolicy-2016-08 }\n  Env: { Type: String }\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\n';

describe('listeners', () => {
  it('elb-listener-https', () =>
    expect(verdicts(tpl(listeners, listenerParams), elbListenerHttps)).toEqual([
      'pass Https',
      'pass OldTls',
      'pass NoPolicy',
      'pass Redirect',
      'fail RedirectWithLeak',
      'fail Plain',
      'fail MaybeRedirect',
      'pass Tcp',
    ]));

  it('names the failing Fn::If branch', () => {
    const f = runRules(tpl(listeners, listenerParams), [elbListenerHttps]).find(
      (x) => x.resource.id === 'MaybeRedirect',
    )!;
    expect(f.message).toContain('condition IsProd is false');
  });

  it('elb-listener-tls12 resolves SslPolicy parameters and fails an unset policy', () =>
    expect(verdicts(tpl(listeners, listenerParams), elbListenerTls12)).toEqual([
      'pass Https',
      'fail OldTls',
      'fail NoPolicy',
      'pass Redirect',
      'pass RedirectWithLeak',
      'fail Plain',
      'fail MaybeRedirect',
      'pass Tcp',
      'fail Gateway',
    ]));
});
