import { fail, pass, type ResourceRule } from '../../rule.js';
import { aiHostsOf, describePorts, groupOf, ingressRules, isWebPortOnly, worldCidr } from './security-groups.js';

export const ec2SgOpenIngressAuthorizedPorts: ResourceRule = {
  kind: 'resource',
  id: 'ec2-sg-open-ingress-authorized-ports',
  title: 'Security groups open to the internet only on ports 80 and 443',
  severity: 'high',
  resourceTypes: ['AWS::EC2::SecurityGroup', 'AWS::EC2::SecurityGroupIngress'],
  controls: ['net-security-group-no-open-ingress', 'infra-session-manager-no-ssh'],
  description:
    'Ingress from 0.0.0.0/0 or ::/0 is limited to single TCP ports 80 and 443, as a public load balancer needs; SSH, RDP, Jupyter, inference-server and database ports and all-traffic rules are never open to the internet. Groups that guard AI hosts are judged by the stricter ec2-sg-no-public-ingress-ai-hosts instead.',
  remediation: {
    text: 'Remove the internet rule or narrow it to a known CIDR or source security group; administer hosts through Session Manager instead of SSH.',
    cloudformation:
      'SecurityGroupIngress:\n  - IpProtocol: tcp\n    FromPort: 443\n    ToPort: 443\n    CidrIp: 0.0.0.0/0\n    Description: public HTTPS listener',
    terraform:
      'ingress {\n  protocol    = "tcp"\n  from_port   = 443\n  to_port     = 443\n  cidr_blocks = ["0.0.0.0/0"]\n  description = "public HTTPS listener"\n}',
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
    securityHub: ['EC2.18'],
  },
  evaluate(r, ctx) {
    const sg = groupOf(ctx.graph, r);
    if (sg && aiHostsOf(ctx.graph, sg).length > 0) return undefined;
    for (const rule of ingressRules(r)) {
      const cidr = worldCidr(ctx, r, rule);
      if (cidr && !isWebPortOnly(rule))
        return fail(`${r.id} allows ${describePorts(rule)} from ${cidr}.`, { path: rule.path, evidence: { cidr } });
    }
    return pass(`${r.id} opens nothing but web ports to the internet.`);
  },
};
