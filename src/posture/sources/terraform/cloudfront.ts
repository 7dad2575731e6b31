import { many, one, type Shape, shaped, tagList } from './convert.js';
import type { TfMapping } from './mapping.js';

const CACHE_BEHAVIOR: Shape = {
  TargetOriginId: 'target_origin_id',
  ViewerProtocolPolicy: 'viewer_protocol_policy',
  AllowedMethods: 'allowed_methods',
  CachedMethods: 'cached_methods',
  CachePolicyId: 'cache_policy_id',
  OriginRequestPolicyId: 'origin_request_policy_id',
  ResponseHeadersPolicyId: 'response_headers_policy_id',
  Compress: 'compress',
};

export const cloudfrontMappings: TfMapping[] = [
  {
    tf: 'aws_cloudfront_distribution',
    cfn: 'AWS::CloudFront::Distribution',
    props: (r) => ({
      DistributionConfig: shaped(r.values, {
        Enabled: 'enabled',
        Aliases: 'aliases',
        Comment: 'comment',
        DefaultRootObject: 'default_root_object',
        HttpVersion: 'http_version',
        IPV6Enabled: 'is_ipv6_enabled',
        PriceClass: 'price_class',
        WebACLId: 'web_acl_id',
        Logging: one('logging_config', { Bucket: 'bucket', IncludeCookies: 'include_cookies', Prefix: 'prefix' }),
        Origins: many('origin', {
          Id: 'origin_id',
          DomainName: 'domain_name',
          OriginPath: 'origin_path',
          OriginAccessControlId: 'origin_access_control_id',
          S3OriginConfig: one('s3_origin_config', { OriginAccessIdentity: 'origin_access_identity' }),
          CustomOriginConfig: one('custom_origin_config', {
            HTTPPort: 'http_port',
            HTTPSPort: 'https_port',
            OriginProtocolPolicy: 'origin_protocol_policy',
            OriginSSLProtocols: 'origin_ssl_protocols',
            OriginReadTimeout: 'origin_read_timeout',
            OriginKeepaliveTimeout: 'origin_keepalive_timeout',
          }),
        }),
        DefaultCacheBehavior: one('default_cache_behavior', CACHE_BEHAVIOR),
        // Terraform's ordered_cache_behavior blocks keep CloudFormation's precedence order.
        CacheBehaviors: many('ordered_cache_behavior', { PathPattern: 'path_pattern', ...CACHE_BEHAVIOR }),
        ViewerCertificate: one('viewer_certificate', {
          AcmCertificateArn: 'acm_certificate_arn',
          IamCertificateId: 'iam_certificate_id',
          CloudFrontDefaultCertificate: 'cloudfront_default_certificate',
          MinimumProtocolVersion: 'minimum_protocol_version',
          SslSupportMethod: 'ssl_support_method',
        }),
      }),
      Tags: tagList(r.values),
    }),
  },
];
