import { actionMatches } from '../../policy-document.js';
import { fail, pass, type ResourceRule } from '../../rule.js';
import { allowStatements, IDENTITY_POLICY_TYPES, identityPolicyDocs, whenSuffix } from '../identity-policies.js';
import { isAnyRole, resourceTexts } from './role-resources.js';

export const iamAssumeRoleScoped: ResourceRule = {
  kind: 'resource',
  id: 'iam-assume-role-scoped',
  title: 'sts:AssumeRole is limited to named roles',
  severity: 'high',
  resourceTypes: IDENTITY_POLICY_TYPES,
  controls: ['pol-least-privilege-policy'],
  description:
    'No Allow statement grants sts:AssumeRole (directly or through sts:* or sts:Assume*) on every role: Resource is "*", a role ARN with a wildcard account, or role/*. An agent or tool holding such a policy can step into any role whose trust policy admits the account. Statements granting "*" are left to iam-no-admin-policy.',
  remediation: {
    text: 'Name the role ARNs the principal may assume.',
    cloudformation: 'Action: sts:AssumeRole\nResource: !GetAtt ToolRole.Arn',
    terraform: 'actions   = ["sts:AssumeRole"]\nresources = [aws_iam_role.tool.arn]',
  },
  equivalents: { prowler: ['iam_no_custom_policy_permissive_role_assumption'] },
  evaluate(r) {
    if (identityPolicyDocs(r).length === 0) return undefined;
    const grants = allowStatements(r, (s) => s.actions.some((a) => a !== '*' && actionMatches(a, 'sts:AssumeRole')));
    const broad = grants.find((g) => resourceTexts(g).some(isAnyRole));
    return broad
      ? fail(`${r.id} allows sts:AssumeRole on every role${whenSuffix(broad.doc)}.`, { path: broad.path })
      : pass(`${r.id} grants no unscoped sts:AssumeRole.`);
  },
};
