import { fail, pass, type ResourceRule } from '../../rule.js';
import { asArray, dig } from '../../values.js';
import { valuesAt } from '../deploy-values.js';
import { policyDocument, publicGrants } from '../s3/public-principal.js';
import { DOMAIN_TYPES } from './domain-types.js';

export const opensearchDomainInVpc: ResourceRule = {
  kind: 'resource',
  id: 'opensearch-domain-in-vpc',
  title: 'OpenSearch domain is reachable only inside a VPC',
  severity: 'high',
  resourceTypes: DOMAIN_TYPES,
  controls: ['dp-vector-store-not-public', 'net-ai-compute-in-vpc'],
  description:
    'VPCOptions places the domain in subnets, so the vector store has no public endpoint at all. A public-endpoint domain fails even when its access policy is tight, because the endpoint stays open to the internet; the message says when the access policy also lets anyone in.',
  remediation: {
    text: 'Set VPCOptions with private SubnetIds and SecurityGroupIds (the domain must be recreated to move into a VPC).',
    cloudformation:
      'VPCOptions:\n  SubnetIds: [!Ref PrivateSubnetA, !Ref PrivateSubnetB]\n  SecurityGroupIds: [!Ref SearchSecurityGroup]',
    terraform:
      'vpc_options {\n  subnet_ids         = [aws_subnet.private_a.id, aws_subnet.private_b.id]\n  security_group_ids = [aws_security_group.search.id]\n}',
  },
  equivalents: {
    checkov: ['CKV_AWS_137'],
    cdkNag: ['AwsSolutions-OS1', 'NIST.800.53.R5-OpenSearchInVPCOnly', 'HIPAA.Security-OpenSearchInVPCOnly'],
    cfnNag: ['W90'],
    prowler: ['opensearch_service_domains_not_publicly_accessible'],
    securityHub: ['OpenSearch.2', 'ES.2'],
  },
  evaluate(d, ctx) {
    const subnets = valuesAt(ctx, d, ['VPCOptions', 'SubnetIds']);
    if (subnets.some((s) => asArray(s).length > 0)) return pass(`Domain ${d.id} is reachable only inside its VPC.`);
    const open = publicGrants(policyDocument(d.properties.AccessPolicies));
    const policy = dig(d.properties, ['AccessPolicies'])
      ? open.length
        ? ' and its access policy allows anyone'
        : ''
      : ' and has no access policy';
    return fail(`Domain ${d.id} has a public endpoint${policy}.`, {
      path: open.length ? ['AccessPolicies'] : [],
      evidence: { openStatements: open.map((s) => s.index) },
    });
  },
};
