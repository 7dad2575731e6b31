import { fail, pass, type ResourceRule } from '../../rule.js';
import { branches } from '../identity-policies.js';
import { listenerProtocol, redirectsToHttps } from './load-balancers.js';

/** Predefined ELB security policies whose minimum protocol is TLS 1.2 or 1.3. */
const TLS12_POLICY_PREFIXES = [
  'ELBSecurityPolicy-TLS13-1-3',
  'ELBSecurityPolicy-TLS13-1-2',
  'ELBSecurityPolicy-FS-1-2',
  'ELBSecurityPolicy-TLS-1-2',
];

export const elbListenerTls12: ResourceRule = {
  kind: 'resource',
  id: 'elb-listener-tls12',
  title: 'HTTPS and TLS listeners require TLS 1.2 or later',
  severity: 'medium',
  resourceTypes: ['AWS::ElasticLoadBalancingV2::Listener'],
  controls: ['net-tls-policy-modern', 'dp-tls-in-transit'],
  description:
    'HTTPS and TLS listeners name an SslPolicy whose minimum is TLS 1.2 or 1.3 (ELBSecurityPolicy-TLS13-1-2-*, -TLS13-1-3-*, -FS-1-2-*, -TLS-1-2-*); leaving SslPolicy unset falls back to a policy that still accepts TLS 1.0. As in Checkov, TCP/UDP listeners pass, and an HTTP listener passes only when it redirects to HTTPS.',
  remediation: {
    text: 'Set SslPolicy to ELBSecurityPolicy-TLS13-1-2-2021-06 (or a stricter TLS 1.3 policy).',
    cloudformation: 'SslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06',
    terraform: 'ssl_policy = "ELBSecurityPolicy-TLS13-1-2-2021-06"',
  },
  equivalents: { checkov: ['CKV_AWS_103'], cfnNag: ['W55'], prowler: ['elbv2_insecure_ssl_ciphers'] },
  evaluate(listener, ctx) {
    const protocol = listenerProtocol(ctx, listener);
    if (protocol === 'HTTPS' || protocol === 'TLS') {
      const policy = ctx.value(listener, ['SslPolicy']);
      if (typeof policy === 'string' && TLS12_POLICY_PREFIXES.some((p) => policy.startsWith(p)))
        return pass(`Listener ${listener.id} uses ${policy}.`);
      return fail(
        typeof policy === 'string'
          ? `Listener ${listener.id} uses ${policy}, which accepts protocols older than TLS 1.2.`
          : `Listener ${listener.id} sets no SslPolicy: the default policy accepts TLS 1.0.`,
        { path: ['SslPolicy'] },
      );
    }
    if (protocol === 'TCP' || protocol === 'UDP' || protocol === 'TCP_UDP')
      return pass(`Listener ${listener.id} uses ${protocol}; no TLS is negotiated here.`);
    if (!protocol) return fail(`Listener ${listener.id} sets no protocol.`);
    const failing = branches(listener.properties.DefaultActions).filter((b) => !redirectsToHttps(b.value));
    if (failing.length === 0) return pass(`Listener ${listener.id} redirects ${protocol} to HTTPS.`);
    const when = failing.length === 1 && failing[0]!.when ? ` when ${failing[0]!.when}` : '';
    return fail(`Listener ${listener.id} serves ${protocol} without TLS${when}.`, { path: ['Protocol'] });
  },
};
