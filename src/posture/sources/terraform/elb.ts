import { blocks, clean, many, one, type Shape, shaped, tagList } from './convert.js';
import type { TfMapping } from './mapping.js';
import type { Rec } from './records.js';

/**
 * One LoadBalancerAttributes entry. CloudFormation writes every attribute value as a string; a value known only
 * after apply stays as it is, so rules see it as undecided.
 */
function attribute(Key: string, value: unknown): Rec[] {
  const v = clean(value);
  if (v === undefined) return [];
  return [{ Key, Value: typeof v === 'boolean' || typeof v === 'number' ? String(v) : v }];
}

/** The arguments Terraform gives their own names that CloudFormation keeps as attributes. */
function lbAttributes(v: Rec): Rec[] | undefined {
  const logs = blocks(v.access_logs)[0];
  const attrs = [
    // Terraform's access_logs.enabled defaults to false even when a bucket is named.
    ...(logs ? attribute('access_logs.s3.enabled', logs.enabled) : []),
    ...(logs ? attribute('access_logs.s3.bucket', logs.bucket) : []),
    ...(logs ? attribute('access_logs.s3.prefix', logs.prefix) : []),
    ...attribute('routing.http.drop_invalid_header_fields.enabled', v.drop_invalid_header_fields),
    ...attribute('deletion_protection.enabled', v.enable_deletion_protection),
    ...attribute('idle_timeout.timeout_seconds', v.idle_timeout),
  ];
  return attrs.length ? attrs : undefined;
}

/** `internal` is a boolean in Terraform, `Scheme` a word in CloudFormation. */
const scheme = (s: Rec) =>
  s.internal === true ? 'internal' : s.internal === false ? 'internet-facing' : clean(s.internal);

const ACTION: Shape = {
  Type: 'type',
  Order: 'order',
  TargetGroupArn: 'target_group_arn',
  RedirectConfig: one('redirect', {
    Protocol: 'protocol',
    Port: 'port',
    Host: 'host',
    Path: 'path',
    Query: 'query',
    StatusCode: 'status_code',
  }),
  FixedResponseConfig: one('fixed_response', {
    ContentType: 'content_type',
    MessageBody: 'message_body',
    StatusCode: 'status_code',
  }),
};

const loadBalancer: Omit<TfMapping, 'tf'> = {
  cfn: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
  props: (r) =>
    shaped(r.values, {
      Name: 'name',
      Type: 'load_balancer_type',
      Scheme: scheme,
      IpAddressType: 'ip_address_type',
      Subnets: 'subnets',
      SecurityGroups: 'security_groups',
      LoadBalancerAttributes: lbAttributes,
      Tags: () => tagList(r.values),
    }),
};

export const elbMappings: TfMapping[] = [
  { tf: 'aws_lb', ...loadBalancer },
  { tf: 'aws_alb', ...loadBalancer },
  {
    tf: 'aws_lb_listener',
    cfn: 'AWS::ElasticLoadBalancingV2::Listener',
    props: (r) =>
      shaped(r.values, {
        LoadBalancerArn: 'load_balancer_arn',
        Port: 'port',
        Protocol: 'protocol',
        SslPolicy: 'ssl_policy',
        Certificates: (s) =>
          clean(s.certificate_arn) === undefined ? undefined : [{ CertificateArn: s.certificate_arn }],
        DefaultActions: many('default_action', ACTION),
      }),
  },
  {
    tf: 'aws_lb_listener_rule',
    cfn: 'AWS::ElasticLoadBalancingV2::ListenerRule',
    props: (r) =>
      shaped(r.values, { ListenerArn: 'listener_arn', Priority: 'priority', Actions: many('action', ACTION) }),
  },
  {
    tf: 'aws_elb',
    cfn: 'AWS::ElasticLoadBalancing::LoadBalancer',
    props: (r) =>
      shaped(r.values, {
        LoadBalancerName: 'name',
        Scheme: (s) => (s.internal === true ? 'internal' : undefined),
        Subnets: 'subnets',
        SecurityGroups: 'security_groups',
        Instances: 'instances',
        Listeners: many('listener', {
          InstancePort: 'instance_port',
          InstanceProtocol: 'instance_protocol',
          LoadBalancerPort: 'lb_port',
          Protocol: 'lb_protocol',
          SSLCertificateId: 'ssl_certificate_id',
        }),
        // Unlike aws_lb, a classic balancer's access_logs.enabled defaults to true.
        AccessLoggingPolicy: one('access_logs', {
          Enabled: 'enabled',
          S3BucketName: 'bucket',
          S3BucketPrefix: 'bucket_prefix',
          EmitInterval: 'interval',
        }),
        CrossZone: 'cross_zone_load_balancing',
        Tags: () => tagList(r.values),
      }),
  },
];
