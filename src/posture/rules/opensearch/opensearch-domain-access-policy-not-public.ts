import { fail, pass, type ResourceRule } from '../../rule.js';
import { asBool } from '../../values.js';
import { policyDocument, publicGrants, statementPath } from '../s3/public-principal.js';
import { DOMAIN_TYPES } from './domain-types.js';

export const opensearchDomainAccessPolicyNotPublic: ResourceRule = {
  kind: 'resource',
  id: 'opensearch-domain-access-policy-not-public',
  title: 'OpenSearch domain access policy does not let anyone in anonymously',
  severity: 'high',
  resourceTypes: DOMAIN_TYPES,
  controls: ['dp-vector-store-not-public'],
  description:
    'No Allow statement of AccessPolicies names Principal "*" (or uses NotPrincipal) without a condition that pins the caller (aws:SourceIp, aws:SourceVpce, aws:PrincipalOrgID…), unless fine-grained access control (AdvancedSecurityOptions.Enabled, anonymous auth off) authenticates every request. Otherwise anyone who can reach the endpoint reads, overwrites or deletes the vector index and the documents behind a RAG application with unsigned requests.',
  remediation: {
    text: 'Name the IAM roles of the application and ingestion pipeline as principals, or enable fine-grained access control before opening the policy.',
    cloudformation:
      'AccessPolicies:\n  Version: "2012-10-17"\n  Statement:\n    - Effect: Allow\n      Principal: { AWS: !GetAtt AppRole.Arn }\n      Action: es:ESHttp*\n      Resource: !Sub "arn:${AWS::Partition}:es:${AWS::Region}:${AWS::AccountId}:domain/vectors/*"',
    terraform:
      'access_policies = jsonencode({\n  Version = "2012-10-17"\n  Statement = [{\n    Effect    = "Allow"\n    Principal = { AWS = aws_iam_role.app.arn }\n    Action    = "es:ESHttp*"\n    Resource  = "${aws_opensearch_domain.vectors.arn}/*"\n  }]\n})',
  },
  equivalents: { cdkNag: ['AwsSolutions-OS5'] },
  evaluate(d, ctx) {
    const doc = policyDocument(ctx.value(d, ['AccessPolicies']));
    const open = publicGrants(doc);
    if (!open.length) return pass(`Domain ${d.id} grants access to named principals or pinned callers only.`);
    const fgac = asBool(ctx.value(d, ['AdvancedSecurityOptions', 'Enabled'])) === true;
    const anonymous = asBool(ctx.value(d, ['AdvancedSecurityOptions', 'AnonymousAuthEnabled'])) === true;
    if (fgac && !anonymous)
      return pass(
        `Domain ${d.id} has an open access policy, but fine-grained access control authenticates every request.`,
      );
    return fail(
      `Domain ${d.id} lets anyone send requests (Principal "*" with no pinning condition)${anonymous ? ' and allows anonymous users' : ', and fine-grained access control is off'}.`,
      { path: statementPath(doc, ['AccessPolicies'], open[0]!) },
    );
  },
};
