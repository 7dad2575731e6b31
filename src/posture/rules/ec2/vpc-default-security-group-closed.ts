import type { Resource } from '../../graph.js';
import { fail, pass, type ResourceRule } from '../../rule.js';

/** The custom resource CDK adds for `restrictDefaultSecurityGroup` (its default since aws-cdk-lib 2.78). */
const CDK_RESTRICT = 'Custom::VpcRestrictDefaultSG';

/** Terraform's default-group resource, normalised to a security group (see sources/terraform/ec2.ts). */
const TF_DEFAULT_GROUP = 'aws_default_security_group';

const hasRules = (sg: Resource) =>
  ['SecurityGroupIngress', 'SecurityGroupEgress'].find((k) => {
    const v = sg.properties[k];
    return Array.isArray(v) ? v.length > 0 : v !== undefined;
  });

export const vpcDefaultSecurityGroupClosed: ResourceRule = {
  kind: 'resource',
  id: 'vpc-default-security-group-closed',
  title: "VPC's default security group allows no traffic",
  severity: 'medium',
  resourceTypes: ['AWS::EC2::VPC'],
  controls: ['net-security-group-no-open-ingress', 'net-egress-restriction'],
  description:
    "A new VPC's default security group lets its members reach each other on every port and reach anything outbound; any ENI launched without a group (a notebook, a training job, a Lambda function) lands in it. CloudFormation cannot change that group, so a template passes when CDK's restrictDefaultSecurityGroup custom resource (Custom::VpcRestrictDefaultSG) strips its rules; a Terraform plan passes when an aws_default_security_group for the VPC declares no ingress or egress rule.",
  remediation: {
    text: "Remove every rule from the VPC's default security group, and give each resource a purpose-made group.",
    cloudformation:
      "# CDK (default since aws-cdk-lib 2.78 through the feature flag):\n#   new ec2.Vpc(this, 'Vpc', { restrictDefaultSecurityGroup: true })\n# Plain CloudFormation cannot manage the default group: remove its rules once (aws ec2 revoke-security-group-ingress/egress) and watch it with the AWS Config rule VPC_DEFAULT_SECURITY_GROUP_CLOSED.",
    terraform:
      'resource "aws_default_security_group" "default" {\n  vpc_id = aws_vpc.main.id\n  # no ingress or egress blocks: Terraform removes every rule\n}',
  },
  equivalents: {
    checkov: ['CKV2_AWS_12'],
    cdkNag: ['HIPAA.Security-VPCDefaultSecurityGroupClosed', 'NIST.800.53.R5-VPCDefaultSecurityGroupClosed'],
    prowler: ['ec2_securitygroup_default_restrict_traffic'],
    securityHub: ['EC2.2'],
  },
  evaluate(vpc, ctx) {
    const referencing = ctx.graph.referencing(vpc);
    // The default group refers to nothing else: its vpc_id is the reference that brought it here.
    const defaults = referencing.filter((r) => r.sourceType === TF_DEFAULT_GROUP);
    for (const sg of defaults) {
      const open = hasRules(sg);
      if (open)
        return fail(`${sg.id}, the default security group of VPC ${vpc.id}, still has rules (${open}).`, {
          evidence: { defaultSecurityGroup: sg.id, rules: open },
        });
    }
    if (defaults.length > 0) return pass(`${defaults[0]!.id} closes the default security group of VPC ${vpc.id}.`);
    const restrict = referencing.find((r) => r.type === CDK_RESTRICT);
    if (restrict) return pass(`${restrict.id} removes the rules of VPC ${vpc.id}'s default security group.`);
    return fail(
      vpc.format === 'terraform-plan'
        ? `VPC ${vpc.id} has no aws_default_security_group: its default group keeps allowing traffic between members and all egress.`
        : `Nothing closes VPC ${vpc.id}'s default security group (CDK: restrictDefaultSecurityGroup): it keeps allowing traffic between members and all egress.`,
    );
  },
};
