import { vpcEndpointRule } from './vpc-endpoints.js';

export const vpcEndpointS3Gateway = vpcEndpointRule({
  id: 'vpc-endpoint-s3-gateway',
  title: 'VPC routes S3 traffic of AI workloads through a VPC endpoint',
  severity: 'medium',
  controls: ['net-s3-gateway-endpoint', 'net-data-perimeter-source-vpce'],
  description:
    'When the scanned templates use Bedrock or SageMaker, each declared VPC (in any of them) has an S3 endpoint (a Gateway endpoint, or an Interface endpoint), so training data, model artifacts and knowledge-base documents move without a NAT or internet gateway, and bucket policies can require aws:sourceVpce.',
  remediation: {
    text: 'Declare a Gateway endpoint for com.amazonaws.<region>.s3 attached to the route tables of the private subnets.',
    cloudformation:
      'S3Endpoint:\n  Type: AWS::EC2::VPCEndpoint\n  Properties:\n    VpcId: !Ref Vpc\n    ServiceName: !Sub com.amazonaws.${AWS::Region}.s3\n    VpcEndpointType: Gateway\n    RouteTableIds: [!Ref PrivateRouteTable]',
    terraform:
      'resource "aws_vpc_endpoint" "s3" {\n  vpc_id            = aws_vpc.this.id\n  service_name      = "com.amazonaws.${var.region}.s3"\n  vpc_endpoint_type = "Gateway"\n  route_table_ids   = [aws_route_table.private.id]\n}',
  },
  equivalents: {},
  needs: [
    {
      label: 's3',
      suffixes: ['s3'],
      types: ['Gateway', 'Interface'],
      evidence: (fp) => fp.anyRuntime,
    },
  ],
});
