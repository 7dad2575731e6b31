import { fail, pass, type ResourceRule } from '../../rule.js';
import { parsePolicyDocument, principalsOf, trustStatements } from '../identity-policies.js';

export const iamRoleTrustNoWildcard: ResourceRule = {
  kind: 'resource',
  id: 'iam-role-trust-no-wildcard',
  title: 'Role trust policies do not admit any AWS principal',
  severity: 'critical',
  resourceTypes: ['AWS::IAM::Role'],
  controls: ['iam-resource-policies-least-privilege'],
  description:
    'No Allow statement of AssumeRolePolicyDocument has Principal AWS "*" (alone or in a list) or the bare Principal "*": only named services, accounts or roles can assume the role. Steward also fails the bare "*" form, which Checkov CKV_AWS_60 does not inspect. JSON-string trust policies are read too.',
  remediation: {
    text: 'Name the service principal or the account/role ARNs that may assume the role.',
    cloudformation:
      'AssumeRolePolicyDocument:\n  Statement:\n    - Effect: Allow\n      Principal: { Service: bedrock.amazonaws.com }\n      Action: sts:AssumeRole',
    terraform: 'principals {\n  type        = "Service"\n  identifiers = ["bedrock.amazonaws.com"]\n}',
  },
  equivalents: { checkov: ['CKV_AWS_60'] },
  evaluate(role) {
    if (!parsePolicyDocument(role.properties.AssumeRolePolicyDocument)) return undefined;
    const open = trustStatements(role).find(
      (s) => s.effect === 'Allow' && principalsOf(s.principals, 'AWS').includes('*'),
    );
    return open
      ? fail(`Role ${role.id} can be assumed by any AWS principal.`, {
          path: ['AssumeRolePolicyDocument', 'Statement', open.index],
        })
      : pass(`Role ${role.id} trusts named principals only.`);
  },
};
