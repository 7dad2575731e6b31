import { vpcEndpointRule } from './vpc-endpoints.js';

export const vpcEndpointSagemaker = vpcEndpointRule({
  id: 'vpc-endpoint-sagemaker',
  title: 'VPC reaches SageMaker API and runtime through interface endpoints',
  severity: 'medium',
  controls: ['net-privatelink-sagemaker'],
  description:
    'When the scanned templates declare SageMaker resources, each declared VPC (in any of them) has sagemaker.api and sagemaker.runtime interface endpoints; when it only grants sagemaker:InvokeEndpoint, the runtime endpoint is enough. Notebooks, pipelines and apps then call SageMaker without leaving the AWS network.',
  remediation: {
    text: 'Declare Interface endpoints for com.amazonaws.<region>.sagemaker.api and com.amazonaws.<region>.sagemaker.runtime with PrivateDnsEnabled: true.',
    cloudformation:
      'SageMakerRuntimeEndpoint:\n  Type: AWS::EC2::VPCEndpoint\n  Properties:\n    VpcId: !Ref Vpc\n    ServiceName: !Sub com.amazonaws.${AWS::Region}.sagemaker.runtime\n    VpcEndpointType: Interface\n    PrivateDnsEnabled: true\n    SubnetIds: [!Ref PrivateSubnetA, !Ref PrivateSubnetB]\n    SecurityGroupIds: [!Ref EndpointSecurityGroup]',
    terraform:
      'resource "aws_vpc_endpoint" "sagemaker_runtime" {\n  vpc_id              = aws_vpc.this.id\n  service_name        = "com.amazonaws.${var.region}.sagemaker.runtime"\n  vpc_endpoint_type   = "Interface"\n  private_dns_enabled = true\n  subnet_ids          = aws_subnet.private[*].id\n}',
  },
  equivalents: {},
  needs: [
    {
      label: 'sagemaker.api',
      suffixes: ['sagemaker.api', 'sagemaker.api-fips'],
      types: ['Interface'],
      evidence: (fp) => fp.sagemakerApi,
    },
    {
      label: 'sagemaker.runtime',
      suffixes: ['sagemaker.runtime', 'sagemaker.runtime-fips'],
      types: ['Interface'],
      evidence: (fp) => fp.sagemakerRuntime,
    },
  ],
});
