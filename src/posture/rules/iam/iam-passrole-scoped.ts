import { actionMatches } from '../../policy-document.js';
import { fail, pass, type ResourceRule } from '../../rule.js';
import { allowStatements, IDENTITY_POLICY_TYPES, identityPolicyDocs, whenSuffix } from '../identity-policies.js';
import { isAnyRole, resourceTexts } from './role-resources.js';

export const iamPassroleScoped: ResourceRule = {
  kind: 'resource',
  id: 'iam-passrole-scoped',
  title: 'iam:PassRole is limited to named roles',
  severity: 'high',
  resourceTypes: IDENTITY_POLICY_TYPES,
  controls: ['iam-passrole-scoped'],
  description:
    'No Allow statement grants iam:PassRole (directly or through iam:* or iam:Pass*) on every role: Resource is "*", a role ARN with a wildcard account, or role/*. Otherwise whoever holds the policy can hand any role, an admin role included, to a SageMaker job, a Bedrock agent or a Lambda function and act with it. Statements granting "*" are left to iam-no-admin-policy.',
  remediation: {
    text: 'List the role ARNs that may be passed and restrict the receiving service with the iam:PassedToService condition.',
    cloudformation:
      'Action: iam:PassRole\nResource: !GetAtt TrainingJobRole.Arn\nCondition:\n  StringEquals: { iam:PassedToService: sagemaker.amazonaws.com }',
    terraform:
      'actions   = ["iam:PassRole"]\nresources = [aws_iam_role.training_job.arn]\ncondition {\n  test     = "StringEquals"\n  variable = "iam:PassedToService"\n  values   = ["sagemaker.amazonaws.com"]\n}',
  },
  equivalents: { cfnNag: ['F38', 'F39', 'F40'] },
  evaluate(r) {
    if (identityPolicyDocs(r).length === 0) return undefined;
    const grants = allowStatements(r, (s) => s.actions.some((a) => a !== '*' && actionMatches(a, 'iam:PassRole')));
    const broad = grants.find((g) => resourceTexts(g).some(isAnyRole));
    return broad
      ? fail(`${r.id} allows iam:PassRole on every role${whenSuffix(broad.doc)}.`, { path: broad.path })
      : pass(`${r.id} grants no unscoped iam:PassRole.`);
  },
};
