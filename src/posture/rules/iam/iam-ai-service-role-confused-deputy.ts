import { fail, pass, type ResourceRule } from '../../rule.js';
import { principalsOf, trustStatements } from '../identity-policies.js';

const AI_SERVICES = ['bedrock.amazonaws.com', 'bedrock-agentcore.amazonaws.com'];
const SOURCE_KEYS = ['aws:sourceaccount', 'aws:sourcearn', 'aws:sourceorgid', 'aws:sourceorgpaths'];

export const iamAiServiceRoleConfusedDeputy: ResourceRule = {
  kind: 'resource',
  id: 'iam-ai-service-role-confused-deputy',
  title: 'Bedrock service roles guard against the confused deputy',
  severity: 'medium',
  resourceTypes: ['AWS::IAM::Role'],
  controls: ['iam-service-role-confused-deputy'],
  description:
    "A trust statement admitting bedrock.amazonaws.com or bedrock-agentcore.amazonaws.com carries an aws:SourceAccount, aws:SourceArn or aws:SourceOrgID condition, as the Bedrock documentation shows for agent, knowledge-base and model-customization roles, so the service can assume the role only on behalf of your own agents and jobs, not another customer's.",
  remediation: {
    text: 'Add aws:SourceAccount (and aws:SourceArn for the agent or job ARN pattern) to the trust statement.',
    cloudformation:
      'Condition:\n  StringEquals: { aws:SourceAccount: !Ref AWS::AccountId }\n  ArnLike: { aws:SourceArn: !Sub "arn:${AWS::Partition}:bedrock:${AWS::Region}:${AWS::AccountId}:agent/*" }',
    terraform:
      'condition {\n  test     = "StringEquals"\n  variable = "aws:SourceAccount"\n  values   = [data.aws_caller_identity.current.account_id]\n}',
  },
  equivalents: { prowler: ['iam_role_cross_service_confused_deputy_prevention'] },
  evaluate(role) {
    const trusting = trustStatements(role).filter(
      (s) =>
        s.effect === 'Allow' &&
        principalsOf(s.principals, 'Service').some((p) => AI_SERVICES.includes(p.toLowerCase())),
    );
    if (trusting.length === 0) return undefined;
    const unguarded = trusting.find(
      (s) =>
        !Object.values(s.condition).some(
          (op) => op && Object.keys(op).some((k) => SOURCE_KEYS.includes(k.toLowerCase())),
        ),
    );
    return unguarded
      ? fail(`Role ${role.id} trusts a Bedrock service principal without a source account or ARN condition.`, {
          path: ['AssumeRolePolicyDocument', 'Statement', unguarded.index],
        })
      : pass(`Role ${role.id} limits its Bedrock trust to your own resources.`);
  },
};
