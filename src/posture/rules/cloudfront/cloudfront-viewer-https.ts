import { fail, pass, type ResourceRule } from '../../rule.js';
import { asArray } from '../../values.js';
import { branches } from '../identity-policies.js';

export const cloudfrontViewerHttps: ResourceRule = {
  kind: 'resource',
  id: 'cloudfront-viewer-https',
  title: 'CloudFront distribution requires HTTPS from viewers',
  severity: 'medium',
  resourceTypes: ['AWS::CloudFront::Distribution'],
  controls: ['dp-tls-in-transit'],
  description:
    'No cache behavior (the default one or any path-specific one) uses ViewerProtocolPolicy allow-all: viewers are redirected to HTTPS or refused over HTTP, so prompts and answers are encrypted between the user and the edge.',
  remediation: {
    text: 'Set ViewerProtocolPolicy to redirect-to-https or https-only on every cache behavior.',
    cloudformation: 'DefaultCacheBehavior:\n  ViewerProtocolPolicy: redirect-to-https',
    terraform: 'viewer_protocol_policy = "redirect-to-https"',
  },
  equivalents: {
    checkov: ['CKV_AWS_34'],
    prowler: ['cloudfront_distributions_https_enabled'],
    securityHub: ['CloudFront.3'],
  },
  evaluate(d, ctx) {
    const base = ['DistributionConfig', 'DefaultCacheBehavior', 'ViewerProtocolPolicy'];
    if (ctx.value(d, base) === 'allow-all')
      return fail(`Distribution ${d.id} serves plain HTTP by default (ViewerProtocolPolicy allow-all).`, {
        path: base,
      });
    const behaviors = (d.properties.DistributionConfig as { CacheBehaviors?: unknown } | undefined)?.CacheBehaviors;
    for (const b of branches(behaviors)) {
      const list = asArray(b.value);
      const i = list.findIndex(
        (x) => (x as { ViewerProtocolPolicy?: unknown } | undefined)?.ViewerProtocolPolicy === 'allow-all',
      );
      if (i >= 0) {
        const pattern = (list[i] as { PathPattern?: unknown }).PathPattern;
        return fail(
          `Distribution ${d.id} serves plain HTTP for ${typeof pattern === 'string' ? pattern : `cache behavior ${i}`}${b.when ? ` when ${b.when}` : ''}.`,
          {
            path: b.when
              ? ['DistributionConfig', 'CacheBehaviors']
              : ['DistributionConfig', 'CacheBehaviors', i, 'ViewerProtocolPolicy'],
          },
        );
      }
    }
    return pass(`Distribution ${d.id} requires HTTPS from viewers.`);
  },
};
