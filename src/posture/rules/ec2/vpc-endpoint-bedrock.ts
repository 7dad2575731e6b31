import { vpcEndpointRule } from './vpc-endpoints.js';

export const vpcEndpointBedrock = vpcEndpointRule({
  id: 'vpc-endpoint-bedrock',
  title: 'VPC reaches Amazon Bedrock through interface endpoints (PrivateLink)',
  severity: 'medium',
  controls: ['net-privatelink-bedrock'],
  description:
    'When the scanned templates use Bedrock (Bedrock or AgentCore resources, or IAM grants of bedrock:InvokeModel/Converse), each declared VPC (in any scanned template) has a bedrock-runtime interface endpoint, and a bedrock-agent-runtime one when agents, knowledge bases or flows are called, so prompts and completions stay on the AWS network. An endpoint whose VpcId comes from a parameter or another stack is counted for every VPC.',
  remediation: {
    text: 'Declare AWS::EC2::VPCEndpoint resources of type Interface for com.amazonaws.<region>.bedrock-runtime (and bedrock-agent-runtime) in the private subnets, with PrivateDnsEnabled: true.',
    cloudformation:
      'BedrockRuntimeEndpoint:\n  Type: AWS::EC2::VPCEndpoint\n  Properties:\n    VpcId: !Ref Vpc\n    ServiceName: !Sub com.amazonaws.${AWS::Region}.bedrock-runtime\n    VpcEndpointType: Interface\n    PrivateDnsEnabled: true\n    SubnetIds: [!Ref PrivateSubnetA, !Ref PrivateSubnetB]\n    SecurityGroupIds: [!Ref EndpointSecurityGroup]',
    terraform:
      'resource "aws_vpc_endpoint" "bedrock_runtime" {\n  vpc_id              = aws_vpc.this.id\n  service_name        = "com.amazonaws.${var.region}.bedrock-runtime"\n  vpc_endpoint_type   = "Interface"\n  private_dns_enabled = true\n  subnet_ids          = aws_subnet.private[*].id\n  security_group_ids  = [aws_security_group.endpoints.id]\n}',
  },
  equivalents: { prowler: ['bedrock_vpc_endpoints_configured'] },
  needs: [
    {
      label: 'bedrock-runtime',
      suffixes: ['bedrock-runtime', 'bedrock-runtime-fips'],
      types: ['Interface'],
      evidence: (fp) => fp.bedrockRuntime,
    },
    {
      label: 'bedrock-agent-runtime',
      suffixes: ['bedrock-agent-runtime', 'bedrock-agent-runtime-fips'],
      types: ['Interface'],
      evidence: (fp) => fp.bedrockAgentRuntime,
    },
  ],
});
