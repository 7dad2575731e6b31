import { pass, type ResourceRule } from '../../rule.js';
import { isIntrinsic } from '../../sources/intrinsics.js';
import { asArray, asBool } from '../../values.js';
import { settle } from '../deploy-values.js';
import { lbType } from './load-balancers.js';

type Rec = Record<string, unknown>;
const rec = (v: unknown): Rec => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Rec) : {});

export const elbAccessLogging: ResourceRule = {
  kind: 'resource',
  id: 'elb-access-logging',
  title: 'Load balancer writes access logs',
  severity: 'medium',
  resourceTypes: ['AWS::ElasticLoadBalancingV2::LoadBalancer', 'AWS::ElasticLoadBalancing::LoadBalancer'],
  controls: ['tdr-forensic-readiness'],
  description:
    'Application and network load balancers set the attribute access_logs.s3.enabled to true; classic load balancers enable AccessLoggingPolicy. Each request to the model-serving or chat backend behind the balancer is then recorded with client address, path, status and TLS details, the evidence an investigation of abuse or data theft starts from. Gateway load balancers, which have no access logs, are not judged.',
  remediation: {
    text: 'Enable access logs to an S3 bucket the load balancer may write to (a bucket policy for the elasticloadbalancing service).',
    cloudformation:
      'LoadBalancerAttributes:\n  - Key: access_logs.s3.enabled\n    Value: "true"\n  - Key: access_logs.s3.bucket\n    Value: !Ref AccessLogBucket',
    terraform: 'access_logs {\n  bucket  = aws_s3_bucket.lb_logs.id\n  enabled = true\n}',
  },
  equivalents: {
    checkov: ['CKV_AWS_91', 'CKV_AWS_92'],
    cdkNag: ['AwsSolutions-ELB2', 'HIPAA.Security-ELBLoggingEnabled', 'NIST.800.53.R5-ELBLoggingEnabled'],
    prowler: ['elbv2_logging_enabled', 'elb_logging_enabled'],
    securityHub: ['ELB.5'],
  },
  evaluate(lb, ctx) {
    if (lb.type === 'AWS::ElasticLoadBalancing::LoadBalancer') {
      const enabled = ctx.value(lb, ['AccessLoggingPolicy', 'Enabled']);
      if (asBool(enabled) === true) return pass(`Classic load balancer ${lb.id} writes access logs.`);
      return settle(
        isIntrinsic(enabled) ? 'unknown' : 'fail',
        { fail: `Classic load balancer ${lb.id} writes no access logs (AccessLoggingPolicy is not enabled).` },
        { path: lb.properties.AccessLoggingPolicy === undefined ? [] : ['AccessLoggingPolicy'] },
      );
    }
    if (lbType(ctx, lb) === 'gateway') return undefined;
    const attributes = asArray(ctx.value(lb, ['LoadBalancerAttributes']));
    const setting = attributes.map(rec).find((a) => a.Key === 'access_logs.s3.enabled');
    if (asBool(setting?.Value) === true) return pass(`Load balancer ${lb.id} writes access logs.`);
    return settle(
      isIntrinsic(setting?.Value) || isIntrinsic(ctx.value(lb, ['LoadBalancerAttributes'])) ? 'unknown' : 'fail',
      { fail: `Load balancer ${lb.id} writes no access logs (access_logs.s3.enabled is not true).` },
      { path: lb.properties.LoadBalancerAttributes === undefined ? [] : ['LoadBalancerAttributes'] },
    );
  },
};
