import { fail, pass, type ResourceRule } from '../../rule.js';

const asString = (v: unknown) => (typeof v === 'string' ? v.trim() : v);

export const ec2SgRuleDescription: ResourceRule = {
  kind: 'resource',
  id: 'ec2-sg-rule-description',
  title: 'Every security group rule has a description',
  severity: 'low',
  resourceTypes: ['AWS::EC2::SecurityGroup', 'AWS::EC2::SecurityGroupIngress', 'AWS::EC2::SecurityGroupEgress'],
  controls: ['net-security-group-no-open-ingress', 'pol-access-reviews'],
  description:
    'Each inline ingress and egress rule, and each standalone ingress or egress resource, carries a Description saying why the path exists, so access reviews of the network around model hosts can tell intended paths from leftovers.',
  remediation: {
    text: 'Add a Description to every rule.',
    cloudformation:
      'SecurityGroupIngress:\n  - IpProtocol: tcp\n    FromPort: 443\n    ToPort: 443\n    SourceSecurityGroupId: !Ref AlbSecurityGroup\n    Description: HTTPS from the ALB',
    terraform: 'ingress {\n  # ...\n  description = "HTTPS from the ALB"\n}',
  },
  equivalents: { checkov: ['CKV_AWS_23'], cfnNag: ['W36'] },
  evaluate(r) {
    if (r.type !== 'AWS::EC2::SecurityGroup') {
      return asString(r.properties.Description) ? pass(`${r.id} is described.`) : fail(`${r.id} has no Description.`);
    }
    for (const key of ['SecurityGroupIngress', 'SecurityGroupEgress']) {
      const list = r.properties[key];
      if (!Array.isArray(list)) continue;
      const i = list.findIndex(
        (x) => x && typeof x === 'object' && !asString((x as { Description?: unknown }).Description),
      );
      if (i >= 0) return fail(`${r.id}: rule ${i} of ${key} has no Description.`, { path: [key, i] });
    }
    return pass(`${r.id}: every rule is described.`);
  },
};
