import type { Rule } from '../../rule.js';
import { iamAgentPermissionBoundary } from './iam-agent-permission-boundary.js';
import { iamAiServiceRoleConfusedDeputy } from './iam-ai-service-role-confused-deputy.js';
import { iamAiServiceRoleNoAwsManagedPolicy } from './iam-ai-service-role-no-aws-managed-policy.js';
import { iamAssumeRoleScoped } from './iam-assume-role-scoped.js';
import { iamNoAccessKeys } from './iam-no-access-keys.js';
import { iamNoAdminPolicy } from './iam-no-admin-policy.js';
import { iamNoWildcardAiActions } from './iam-no-wildcard-ai-actions.js';
import { iamPassroleScoped } from './iam-passrole-scoped.js';
import { iamRoleTrustNoWildcard } from './iam-role-trust-no-wildcard.js';
import { iamUserNoPolicies } from './iam-user-no-policies.js';

/** iam rules, in evaluation order. */
export const iamRules: Rule[] = [
  iamNoWildcardAiActions,
  iamNoAdminPolicy,
  iamPassroleScoped,
  iamAssumeRoleScoped,
  iamRoleTrustNoWildcard,
  iamAiServiceRoleConfusedDeputy,
  iamAiServiceRoleNoAwsManagedPolicy,
  iamAgentPermissionBoundary,
  iamUserNoPolicies,
  iamNoAccessKeys,
];
