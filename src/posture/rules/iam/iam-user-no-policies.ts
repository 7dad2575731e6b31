import { fail, pass, type ResourceRule } from '../../rule.js';
import { asArray } from '../../values.js';

export const iamUserNoPolicies: ResourceRule = {
  kind: 'resource',
  id: 'iam-user-no-policies',
  title: 'Permissions are not attached to IAM users',
  severity: 'medium',
  resourceTypes: ['AWS::IAM::User', 'AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::UserPolicy'],
  controls: ['infra-iam-user-groups', 'iam-short-term-credentials'],
  description:
    'No user carries inline or managed policies, and no policy names Users: people get access to AI infrastructure through persona groups (or Identity Center), and workloads through roles, never through individual IAM users.',
  remediation: {
    text: 'Attach the policy to a group (or a role) and make the user a member of that group.',
    cloudformation:
      'DataScientists:\n  Type: AWS::IAM::Group\n  Properties:\n    ManagedPolicyArns: [!Ref DataScientistPolicy]\nMembership:\n  Type: AWS::IAM::UserToGroupAddition\n  Properties:\n    GroupName: !Ref DataScientists\n    Users: [!Ref Alice]',
    terraform:
      'resource "aws_iam_group_policy_attachment" "ds" {\n  group      = aws_iam_group.data_scientists.name\n  policy_arn = aws_iam_policy.ds.arn\n}',
  },
  equivalents: {
    checkov: ['CKV_AWS_40'],
    cdkNag: ['NIST.800.53.R5-IAMUserNoPolicies', 'HIPAA.Security-IAMUserNoPolicies'],
    cfnNag: ['F10', 'F11', 'F12'],
    prowler: ['iam_policy_attached_only_to_group_or_roles'],
    securityHub: ['IAM.2'],
  },
  evaluate(r) {
    if (r.type === 'AWS::IAM::UserPolicy') return fail(`${r.id} attaches an inline policy to a user.`);
    if (r.type === 'AWS::IAM::User') {
      for (const key of ['Policies', 'ManagedPolicyArns']) {
        if (asArray(r.properties[key]).length)
          return fail(`User ${r.id} has ${key === 'Policies' ? 'inline' : 'managed'} policies attached.`, {
            path: [key],
          });
      }
      return pass(`User ${r.id} has no policies of its own.`);
    }
    return asArray(r.properties.Users).length
      ? fail(`Policy ${r.id} is attached to users.`, { path: ['Users'] })
      : pass(`Policy ${r.id} is not attached to users.`);
  },
};
