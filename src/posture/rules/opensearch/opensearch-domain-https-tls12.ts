import type { ResourceRule } from '../../rule.js';
import { isIntrinsic } from '../../sources/intrinsics.js';
import { boolIs, decide, settle, valuesAt } from '../deploy-values.js';
import { DOMAIN_TYPES } from './domain-types.js';

/** TLS security policies whose minimum version is 1.2 (`Policy-Min-TLS-1-2-2019-07`, `…-PFS-2023-10`). */
const modernTls = (v: unknown): boolean | undefined =>
  typeof v === 'string' ? v.startsWith('Policy-Min-TLS-1-2') : v !== undefined && isIntrinsic(v) ? undefined : false;

export const opensearchDomainHttpsTls12: ResourceRule = {
  kind: 'resource',
  id: 'opensearch-domain-https-tls12',
  title: 'OpenSearch domain requires HTTPS with TLS 1.2 or later',
  severity: 'medium',
  resourceTypes: DOMAIN_TYPES,
  controls: ['dp-tls-in-transit', 'net-tls-policy-modern'],
  description:
    'DomainEndpointOptions enforce HTTPS and name a TLSSecurityPolicy with a TLS 1.2 minimum, so queries, retrieved passages and credentials never cross the network in clear text or over TLS 1.0/1.1. An unset policy fails: the service default has been Policy-Min-TLS-1-0-2019-07, which still accepts TLS 1.0. Checkov CKV_AWS_83 checks HTTPS only.',
  remediation: {
    text: 'Set DomainEndpointOptions.EnforceHTTPS: true and TLSSecurityPolicy: Policy-Min-TLS-1-2-PFS-2023-10.',
    cloudformation: 'DomainEndpointOptions:\n  EnforceHTTPS: true\n  TLSSecurityPolicy: Policy-Min-TLS-1-2-PFS-2023-10',
    terraform:
      'domain_endpoint_options {\n  enforce_https       = true\n  tls_security_policy = "Policy-Min-TLS-1-2-PFS-2023-10"\n}',
  },
  equivalents: {
    checkov: ['CKV_AWS_83', 'CKV_AWS_228'],
    prowler: ['opensearch_service_domains_https_communications_enforced'],
    securityHub: ['OpenSearch.8', 'ES.8'],
  },
  evaluate(d, ctx) {
    const https = decide(valuesAt(ctx, d, ['DomainEndpointOptions', 'EnforceHTTPS']), boolIs(true, false));
    const tls = decide(valuesAt(ctx, d, ['DomainEndpointOptions', 'TLSSecurityPolicy']), modernTls);
    const gaps = [
      ...(https === 'fail' ? ['does not enforce HTTPS'] : []),
      ...(tls === 'fail' ? ['allows TLS versions before 1.2'] : []),
    ];
    const outcome = gaps.length ? 'fail' : https === 'pass' && tls === 'pass' ? 'pass' : 'unknown';
    return settle(
      outcome,
      {
        pass: `Domain ${d.id} requires HTTPS with TLS 1.2 or later.`,
        fail: `Domain ${d.id} ${gaps.join(' and ')}.`,
      },
      { path: d.properties.DomainEndpointOptions ? ['DomainEndpointOptions'] : [], evidence: { gaps } },
    );
  },
};
