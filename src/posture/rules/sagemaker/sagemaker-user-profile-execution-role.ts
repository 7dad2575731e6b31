import { fail, pass, type ResourceRule } from '../../rule.js';
import { refTarget } from '../../sources/intrinsics.js';
import { dig } from '../../values.js';
import { roleKey } from './role-key.js';

export const sagemakerUserProfileExecutionRole: ResourceRule = {
  kind: 'resource',
  id: 'sagemaker-user-profile-execution-role',
  title: 'SageMaker AI user profiles run with their own persona role, not the domain default',
  severity: 'medium',
  resourceTypes: ['AWS::SageMaker::UserProfile'],
  controls: ['iam-sagemaker-role-personas', 'iam-execution-role-per-workload'],
  description:
    "Each user profile sets UserSettings.ExecutionRole to a role built for its persona (data scientist, MLOps engineer…), different from the domain's DefaultUserSettings.ExecutionRole. A profile without one inherits the domain default, so every user of the domain holds the same permissions. Profiles of one persona may share a role.",
  remediation: {
    text: "Give the profile UserSettings.ExecutionRole with a persona role (SageMaker Role Manager can generate one), distinct from the domain's default role.",
    cloudformation: 'UserSettings:\n  ExecutionRole: !GetAtt DataScientistRole.Arn',
    terraform: 'user_settings {\n  execution_role = aws_iam_role.data_scientist.arn\n}',
  },
  equivalents: {},
  evaluate(profile, ctx) {
    const own = roleKey(dig(profile.properties, ['UserSettings', 'ExecutionRole']));
    if (!own)
      return fail(
        `User profile ${profile.id} sets no ExecutionRole and inherits the domain default role shared by every user.`,
      );
    const domainId = refTarget(profile.properties.DomainId);
    const domain = domainId ? ctx.graph.get(profile, domainId) : undefined;
    const domainDefault = domain
      ? roleKey(dig(domain.properties, ['DefaultUserSettings', 'ExecutionRole']))
      : undefined;
    if (domainDefault && own === domainDefault)
      return fail(`User profile ${profile.id} uses the same execution role as domain ${domain!.id}'s default.`, {
        path: ['UserSettings', 'ExecutionRole'],
      });
    return pass(`User profile ${profile.id} runs with its own execution role.`);
  },
};
