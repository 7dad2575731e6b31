import { fail, pass, type ResourceRule } from '../../rule.js';
import { asArray } from '../../values.js';
import { allowStatements, IDENTITY_POLICY_TYPES, identityPolicyDocs, whenSuffix } from '../identity-policies.js';
import { awsManagedPolicyName } from './managed-policy-arns.js';

/** The AWS managed AdministratorAccess policy, however its partition is written. */
const isAdministratorAccess = (arn: unknown) => awsManagedPolicyName(arn) === 'AdministratorAccess';

export const iamNoAdminPolicy: ResourceRule = {
  kind: 'resource',
  id: 'iam-no-admin-policy',
  title: 'No identity gets full administrator permissions',
  severity: 'critical',
  resourceTypes: IDENTITY_POLICY_TYPES,
  controls: ['iam-no-admin-wildcard'],
  description:
    'No Allow statement grants Action "*" on Resource "*", and no role, user or group attaches the AWS managed AdministratorAccess policy. An AI workload identity with admin rights turns any prompt injection or compromised notebook into full account takeover. Inline policies chosen by Fn::If and JSON-string documents are checked too.',
  remediation: {
    text: 'Replace the admin grant with the specific actions and resources the workload needs.',
    cloudformation:
      'PolicyDocument:\n  Statement:\n    - Effect: Allow\n      Action: [bedrock:InvokeModel]\n      Resource: !Sub arn:${AWS::Partition}:bedrock:${AWS::Region}::foundation-model/*',
    terraform: 'actions   = ["bedrock:InvokeModel"]\nresources = ["arn:aws:bedrock:${var.region}::foundation-model/*"]',
  },
  equivalents: {
    checkov: ['CKV_AWS_62', 'CKV_AWS_274'],
    cdkNag: [
      'NIST.800.53.R5-IAMPolicyNoStatementsWithAdminAccess',
      'HIPAA.Security-IAMPolicyNoStatementsWithAdminAccess',
    ],
    cfnNag: ['W43', 'F3', 'F4', 'F5'],
    prowler: [
      'iam_inline_policy_no_administrative_privileges',
      'iam_customer_attached_policy_no_administrative_privileges',
    ],
    securityHub: ['IAM.1'],
  },
  evaluate(r) {
    const managed = asArray(r.properties.ManagedPolicyArns);
    const adminIndex = managed.findIndex(isAdministratorAccess);
    if (adminIndex >= 0)
      return fail(`${r.id} attaches the AdministratorAccess managed policy.`, {
        path: ['ManagedPolicyArns', adminIndex],
      });
    if (identityPolicyDocs(r).length === 0) return undefined;
    const admin = allowStatements(r, (s) => s.actions.includes('*') && s.resources.includes('*'));
    if (admin.length)
      return fail(`${r.id} allows every action on every resource${whenSuffix(admin[0]!.doc)}.`, {
        path: admin[0]!.path,
      });
    return pass(`${r.id} grants no administrator access.`);
  },
};
