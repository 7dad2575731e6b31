import { describe, expect, it } from 'vitest';
import { verdicts } from '../../test-helpers.js';
import { planVerdicts } from '../plan-test-helpers.js';
import { vpcDefaultSecurityGroupClosed } from './vpc-default-security-group-closed.js';

describe('vpc-default-security-group-closed', () => {
  it("passes a VPC whose default group CDK's restrictDefaultSecurityGroup empties, fails one without", () => {
    const t = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Restricted:
    Type: AWS::EC2::VPC
    Properties: { CidrBlock: 10.0.0.0/16 }
  RestrictedDefaultSg:
    Type: Custom::VpcRestrictDefaultSG
    Properties:
      ServiceToken: arn:aws:lambda:us-east-1:111122223333:function:restrict
      DefaultSecurityGroupId: !GetAtt Restricted.DefaultSecurityGroup
  Plain:
    Type: AWS::EC2::VPC
    Properties: { CidrBlock: 10.1.0.0/16 }
`;
    expect(verdicts(t, vpcDefaultSecurityGroupClosed)).toEqual(['pass Restricted', 'fail Plain']);
  });

  it('reads aws_default_security_group in Terraform plans: no rules closes it, any rule or none at all fails', () => {
    const vpc = (name: string) => ({ address: `aws_vpc.${name}`, values: { cidr_block: '10.0.0.0/16' } });
    const group = (name: string, values: Record<string, unknown>) => ({
      address: `aws_default_security_group.${name}`,
      values: { ingress: [], egress: [], ...values },
      references: { vpc_id: [`aws_vpc.${name}.id`, `aws_vpc.${name}`] },
    });
    expect(
      planVerdicts(
        [
          vpc('closed'),
          group('closed', {}),
          vpc('open'),
          group('open', {
            ingress: [{ protocol: '-1', from_port: 0, to_port: 0, self: true, cidr_blocks: [] }],
            egress: [{ protocol: '-1', from_port: 0, to_port: 0, cidr_blocks: ['0.0.0.0/0'] }],
          }),
          vpc('bare'),
        ],
        vpcDefaultSecurityGroupClosed,
      ),
    ).toEqual(['pass aws_vpc.closed', 'fail aws_vpc.open', 'fail aws_vpc.bare']);
  });
});
