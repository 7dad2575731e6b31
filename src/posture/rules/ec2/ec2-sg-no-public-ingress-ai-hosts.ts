import { fail, pass, type ResourceRule } from '../../rule.js';
import { idList } from '../ai-footprint.js';
import { aiHostsOf, describePorts, groupOf, ingressRules, worldCidr } from './security-groups.js';

export const ec2SgNoPublicIngressAiHosts: ResourceRule = {
  kind: 'resource',
  id: 'ec2-sg-no-public-ingress-ai-hosts',
  title: 'Security groups of AI hosts allow no ingress from the internet',
  severity: 'high',
  resourceTypes: ['AWS::EC2::SecurityGroup', 'AWS::EC2::SecurityGroupIngress'],
  controls: ['net-security-group-no-open-ingress', 'net-ai-compute-in-vpc'],
  description:
    'A security group referenced by AI compute (SageMaker notebooks, domains, models and jobs, AgentCore runtimes, Lambda functions, ECS services, accelerated EC2 instances) has no ingress rule from 0.0.0.0/0 or ::/0 on any port, 443 included: model hosts are reached through a load balancer, API Gateway or VPC endpoint, never directly. Inline rules and standalone AWS::EC2::SecurityGroupIngress resources are both checked.',
  remediation: {
    text: "Replace the internet CIDR with the load balancer's or caller's security group (SourceSecurityGroupId) or a private CIDR.",
    cloudformation:
      'SecurityGroupIngress:\n  - IpProtocol: tcp\n    FromPort: 443\n    ToPort: 443\n    SourceSecurityGroupId: !Ref LoadBalancerSecurityGroup\n    Description: HTTPS from the ALB only',
    terraform:
      'ingress {\n  protocol        = "tcp"\n  from_port       = 443\n  to_port         = 443\n  security_groups = [aws_security_group.alb.id]\n  description     = "HTTPS from the ALB only"\n}',
  },
  equivalents: {
    cdkNag: [
      'AwsSolutions-EC23',
      'HIPAA.Security-EC2RestrictedCommonPorts',
      'HIPAA.Security-EC2RestrictedSSH',
      'NIST.800.53.R5-EC2RestrictedCommonPorts',
      'NIST.800.53.R5-EC2RestrictedSSH',
    ],
    cfnNag: ['W2'],
    prowler: ['ec2_securitygroup_allow_ingress_from_internet_to_any_port'],
  },
  evaluate(r, ctx) {
    const sg = groupOf(ctx.graph, r);
    const hosts = sg ? aiHostsOf(ctx.graph, sg) : [];
    if (!sg || hosts.length === 0) return undefined;
    for (const rule of ingressRules(r)) {
      const cidr = worldCidr(ctx, r, rule);
      if (cidr)
        return fail(
          `${r.id} allows ${describePorts(rule)} from ${cidr} into security group ${sg.id}, which guards AI host(s) ${idList(hosts)}.`,
          { path: rule.path, evidence: { cidr, hosts: hosts.map((h) => h.id) } },
        );
    }
    return pass(`${r.id} admits no internet traffic to AI host(s) ${idList(hosts)}.`);
  },
};
