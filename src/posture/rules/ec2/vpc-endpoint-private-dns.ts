import { fail, pass, type ResourceRule } from '../../rule.js';
import { asBool } from '../../values.js';
import { endpointType, serviceNamePattern } from './vpc-endpoints.js';

export const vpcEndpointPrivateDns: ResourceRule = {
  kind: 'resource',
  id: 'vpc-endpoint-private-dns',
  title: 'Interface endpoints for AWS services enable private DNS',
  severity: 'medium',
  resourceTypes: ['AWS::EC2::VPCEndpoint'],
  controls: ['net-privatelink-bedrock', 'net-privatelink-sagemaker'],
  description:
    "Interface endpoints for AWS services set PrivateDnsEnabled: true. CloudFormation's default is false, and without private DNS the SDKs keep resolving bedrock-runtime.<region>.amazonaws.com to the public endpoint, so the endpoint exists but model traffic does not use it. Gateway endpoints and partner (com.amazonaws.vpce.*) services are not judged.",
  remediation: {
    text: 'Set PrivateDnsEnabled: true on the endpoint (the VPC needs enableDnsSupport and enableDnsHostnames).',
    cloudformation: 'PrivateDnsEnabled: true',
    terraform: 'private_dns_enabled = true',
  },
  equivalents: {},
  evaluate(ep, ctx) {
    if (endpointType(ep) !== 'Interface') return undefined;
    const name = serviceNamePattern(ctx.value(ep, ['ServiceName']));
    if (!name || !/^com\.amazonaws\./.test(name) || name.startsWith('com.amazonaws.vpce.')) return undefined;
    return asBool(ctx.value(ep, ['PrivateDnsEnabled'])) === true
      ? pass(`Endpoint ${ep.id} (${name}) resolves the service name privately.`)
      : fail(
          `Endpoint ${ep.id} (${name}) does not enable private DNS: clients still resolve the public service endpoint.`,
          { path: ['PrivateDnsEnabled'] },
        );
  },
};
