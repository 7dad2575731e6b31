import { fail, pass, type ResourceRule } from '../../rule.js';

export const sagemakerDomainVpcOnly: ResourceRule = {
  kind: 'resource',
  id: 'sagemaker-domain-vpc-only',
  title: 'SageMaker AI domain sends app traffic through your VPC only',
  severity: 'high',
  resourceTypes: ['AWS::SageMaker::Domain'],
  controls: ['infra-sagemaker-domain-vpc-only', 'net-sagemaker-no-direct-internet'],
  description:
    'AppNetworkAccessType is VpcOnly, so Studio apps reach the internet and AWS services only through the subnets, security groups, endpoints and egress controls of your VPC. The default, PublicInternetOnly, gives every app a SageMaker-managed route to the internet that your network controls never see.',
  remediation: {
    text: 'Set AppNetworkAccessType: VpcOnly, with private SubnetIds and VPC endpoints (or a NAT gateway) for the services Studio needs.',
    cloudformation:
      'AppNetworkAccessType: VpcOnly\nVpcId: !Ref Vpc\nSubnetIds: [!Ref PrivateSubnetA, !Ref PrivateSubnetB]',
    terraform:
      'app_network_access_type = "VpcOnly"\nvpc_id                  = aws_vpc.main.id\nsubnet_ids              = aws_subnet.private[*].id',
  },
  equivalents: {},
  evaluate(domain, ctx) {
    const mode = ctx.value(domain, ['AppNetworkAccessType']);
    if (mode === 'VpcOnly') return pass(`Domain ${domain.id} runs in VpcOnly mode.`);
    return fail(
      `Domain ${domain.id} uses ${mode === undefined ? 'PublicInternetOnly (the default)' : typeof mode === 'string' ? mode : JSON.stringify(mode)} network access; Studio apps get direct internet access.`,
      { path: mode === undefined ? [] : ['AppNetworkAccessType'] },
    );
  },
};
