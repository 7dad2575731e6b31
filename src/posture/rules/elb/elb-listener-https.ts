import { fail, pass, type ResourceRule } from '../../rule.js';
import { branches } from '../identity-policies.js';
import { lbType, listenerLoadBalancer, listenerProtocol, redirectsToHttps } from './load-balancers.js';

const ENCRYPTED_OR_NOT_HTTP = new Set(['HTTPS', 'TLS', 'TCP', 'UDP', 'TCP_UDP']);

export const elbListenerHttps: ResourceRule = {
  kind: 'resource',
  id: 'elb-listener-https',
  title: 'Load balancer listeners serve HTTPS or redirect to it',
  severity: 'medium',
  resourceTypes: ['AWS::ElasticLoadBalancingV2::Listener'],
  controls: ['dp-tls-in-transit'],
  description:
    'A listener uses HTTPS or TLS (or a non-HTTP protocol), or its default action redirects plain HTTP to HTTPS and no listener rule in the template forwards HTTP traffic, so prompts and model answers never cross the network in clear text. When DefaultActions is an Fn::If, each branch is checked and the message names the failing one. Gateway Load Balancer listeners, which have no protocol, are not judged.',
  remediation: {
    text: 'Serve HTTPS with an ACM certificate, and make port 80 a redirect to HTTPS.',
    cloudformation:
      'HttpListener:\n  Type: AWS::ElasticLoadBalancingV2::Listener\n  Properties:\n    LoadBalancerArn: !Ref LoadBalancer\n    Port: 80\n    Protocol: HTTP\n    DefaultActions:\n      - Type: redirect\n        RedirectConfig: { Protocol: HTTPS, Port: "443", StatusCode: HTTP_301 }',
    terraform:
      'default_action {\n  type = "redirect"\n  redirect {\n    protocol    = "HTTPS"\n    port        = "443"\n    status_code = "HTTP_301"\n  }\n}',
  },
  equivalents: {
    checkov: ['CKV_AWS_2'],
    cdkNag: ['NIST.800.53.R5-ALBHttpToHttpsRedirection', 'HIPAA.Security-ALBHttpToHttpsRedirection'],
    cfnNag: ['W56'],
    prowler: ['elbv2_ssl_listeners'],
    securityHub: ['ELB.1'],
  },
  evaluate(listener, ctx) {
    const protocol = listenerProtocol(ctx, listener);
    const lb = listenerLoadBalancer(ctx, listener);
    if (!protocol && lb && lbType(ctx, lb) === 'gateway') return undefined;
    if (protocol && ENCRYPTED_OR_NOT_HTTP.has(protocol)) return pass(`Listener ${listener.id} uses ${protocol}.`);
    const plainRules = ctx.graph
      .referencing(listener, 'AWS::ElasticLoadBalancingV2::ListenerRule')
      .filter((r) => !redirectsToHttps(r.properties.Actions));
    if (plainRules.length)
      return fail(
        `Listener ${listener.id} (${protocol ?? 'no protocol'}) forwards plain HTTP through rule ${plainRules[0]!.id}.`,
      );
    const failing = branches(listener.properties.DefaultActions).filter((b) => !redirectsToHttps(b.value));
    if (failing.length === 0) return pass(`Listener ${listener.id} redirects HTTP to HTTPS.`);
    const when = failing.length === 1 && failing[0]!.when ? ` when ${failing[0]!.when}` : '';
    return fail(
      `Listener ${listener.id} serves ${protocol ?? 'an unset protocol'} without redirecting to HTTPS${when}.`,
      {
        path: protocol ? ['Protocol'] : ['DefaultActions'],
      },
    );
  },
};
