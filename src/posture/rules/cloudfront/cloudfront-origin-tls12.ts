import { fail, pass, type ResourceRule } from '../../rule.js';
import { isIntrinsic } from '../../sources/intrinsics.js';
import { asArray } from '../../values.js';
import { settle } from '../deploy-values.js';

type Rec = Record<string, unknown>;
const rec = (v: unknown): Rec => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Rec) : {});

/** Origin protocols below TLS 1.2, as CloudFront spells them. */
const OUTDATED = new Set(['sslv3', 'tlsv1', 'tlsv1.1']);

export const cloudfrontOriginTls12: ResourceRule = {
  kind: 'resource',
  id: 'cloudfront-origin-tls12',
  title: 'CloudFront distribution reaches custom origins over TLS 1.2 or later only',
  severity: 'medium',
  resourceTypes: ['AWS::CloudFront::Distribution'],
  controls: ['dp-tls-in-transit'],
  description:
    'Every custom origin (a load balancer, API or model server behind the distribution) sets OriginProtocolPolicy https-only and lists OriginSSLProtocols without SSLv3, TLSv1 or TLSv1.1, so prompts and completions are not carried to the origin in plain HTTP or over a protocol open to downgrade attacks. S3 and VPC origins are not judged (CloudFront reaches them over HTTPS).',
  remediation: {
    text: 'Set OriginProtocolPolicy to https-only and OriginSSLProtocols to [TLSv1.2] on every custom origin.',
    cloudformation: 'CustomOriginConfig:\n  OriginProtocolPolicy: https-only\n  OriginSSLProtocols: [TLSv1.2]',
    terraform:
      'custom_origin_config {\n  http_port              = 80\n  https_port             = 443\n  origin_protocol_policy = "https-only"\n  origin_ssl_protocols   = ["TLSv1.2"]\n}',
  },
  equivalents: { cdkNag: ['AwsSolutions-CFR5'] },
  evaluate(d, ctx) {
    const origins = asArray(ctx.value(d, ['DistributionConfig', 'Origins']));
    let custom = 0;
    for (const [i, origin] of origins.entries()) {
      const config = rec(origin).CustomOriginConfig;
      if (config === undefined) continue;
      custom++;
      const path = ['DistributionConfig', 'Origins', i, 'CustomOriginConfig'];
      const name = typeof rec(origin).Id === 'string' ? rec(origin).Id : `origin ${i}`;
      const policy = rec(config).OriginProtocolPolicy;
      const protocols = rec(config).OriginSSLProtocols;
      if (isIntrinsic(config) || isIntrinsic(policy) || isIntrinsic(protocols))
        return settle('unknown', { fail: `Distribution ${d.id} may reach ${String(name)} below TLS 1.2.` }, { path });
      if (policy !== 'https-only')
        return fail(
          `Distribution ${d.id} may reach ${String(name)} over plain HTTP (OriginProtocolPolicy ${String(policy ?? 'unset')}).`,
          { path: [...path, 'OriginProtocolPolicy'] },
        );
      const listed = asArray(protocols).map((p) => String(p).toLowerCase());
      const outdated = listed.filter((p) => OUTDATED.has(p));
      if (!listed.length || outdated.length)
        return fail(
          listed.length
            ? `Distribution ${d.id} allows ${outdated.join(', ')} to ${String(name)}; list TLSv1.2 only.`
            : `Distribution ${d.id} does not set OriginSSLProtocols for ${String(name)}, so older protocols are not excluded.`,
          { path: [...path, ...(listed.length ? ['OriginSSLProtocols'] : [])] },
        );
    }
    return custom ? pass(`Distribution ${d.id} reaches its custom origins over TLS 1.2 or later.`) : undefined;
  },
};
