import { fail, pass, type ResourceRule } from '../../rule.js';
import { asBool } from '../../values.js';

/** CloudFront viewer security policies with TLS 1.2 or 1.3 as the minimum (TLSv1.2_2021, TLSv1.3_2025…). */
const MODERN = /^TLSv1\.[23]_\d{4}$/;

export const cloudfrontTls12: ResourceRule = {
  kind: 'resource',
  id: 'cloudfront-tls12',
  title: 'CloudFront distribution requires TLS 1.2 or later from viewers',
  severity: 'medium',
  resourceTypes: ['AWS::CloudFront::Distribution'],
  controls: ['net-tls-policy-modern'],
  description:
    'The distribution uses its own certificate (ACM or IAM) with ViewerCertificate.MinimumProtocolVersion TLSv1.2_* or TLSv1.3_*. The default *.cloudfront.net certificate cannot raise the minimum above TLS 1.0, so a distribution using it, or declaring no ViewerCertificate, fails.',
  remediation: {
    text: 'Serve an ACM certificate (us-east-1) with SslSupportMethod sni-only and MinimumProtocolVersion TLSv1.2_2021.',
    cloudformation:
      'ViewerCertificate:\n  AcmCertificateArn: !Ref Certificate\n  SslSupportMethod: sni-only\n  MinimumProtocolVersion: TLSv1.2_2021',
    terraform:
      'viewer_certificate {\n  acm_certificate_arn      = aws_acm_certificate.edge.arn\n  ssl_support_method       = "sni-only"\n  minimum_protocol_version = "TLSv1.2_2021"\n}',
  },
  equivalents: { checkov: ['CKV_AWS_174'], cdkNag: ['AwsSolutions-CFR4'], cfnNag: ['W70'] },
  evaluate(d, ctx) {
    const cert = ['DistributionConfig', 'ViewerCertificate'];
    if (!ctx.value(d, cert))
      return fail(`Distribution ${d.id} declares no ViewerCertificate: the default certificate allows TLS 1.0.`, {
        path: ['DistributionConfig'],
      });
    if (asBool(ctx.value(d, [...cert, 'CloudFrontDefaultCertificate'])) === true)
      return fail(`Distribution ${d.id} uses the default CloudFront certificate, whose minimum is TLS 1.0.`, {
        path: [...cert, 'CloudFrontDefaultCertificate'],
      });
    const min = ctx.value(d, [...cert, 'MinimumProtocolVersion']);
    return typeof min === 'string' && MODERN.test(min)
      ? pass(`Distribution ${d.id} requires ${min}.`)
      : fail(
          `Distribution ${d.id} accepts viewers below TLS 1.2 (MinimumProtocolVersion ${typeof min === 'string' ? min : 'unset'}).`,
          { path: [...cert, 'MinimumProtocolVersion'] },
        );
  },
};
