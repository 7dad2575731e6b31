import { fail, pass, type ResourceRule } from '../../rule.js';
import { asArray } from '../../values.js';
import { trustedServices } from '../identity-policies.js';
import { awsManagedPolicyName } from './managed-policy-arns.js';

const AI_SERVICES = ['sagemaker.amazonaws.com', 'bedrock.amazonaws.com', 'bedrock-agentcore.amazonaws.com'];

export const iamAiServiceRoleNoAwsManagedPolicy: ResourceRule = {
  kind: 'resource',
  id: 'iam-ai-service-role-no-aws-managed-policy',
  title: 'AI service roles attach no AWS managed policies',
  severity: 'medium',
  resourceTypes: ['AWS::IAM::Role'],
  controls: ['iam-execution-role-per-workload', 'iam-no-wildcard-ai-actions'],
  description:
    'A role that SageMaker, Bedrock or AgentCore assumes (notebook, training, endpoint, agent, knowledge-base and runtime roles) lists no AWS managed policy in ManagedPolicyArns. Policies such as AmazonSageMakerFullAccess and AmazonBedrockFullAccess grant sagemaker:* or bedrock:* on every resource, are written for every customer rather than for this workload, and change when AWS updates them; the role gets customer managed or inline policies naming its own actions and resources instead. Roles assumed by other services are not judged (cdk-nag AwsSolutions-IAM4 asks it of every role, user and group).',
  remediation: {
    text: 'Replace the AWS managed policy with a policy that lists the actions and resources this workload needs.',
    cloudformation:
      'Policies:\n  - PolicyName: training\n    PolicyDocument:\n      Statement:\n        - Effect: Allow\n          Action: [s3:GetObject, s3:PutObject]\n          Resource: !Sub "${TrainingBucket.Arn}/*"',
    terraform:
      'resource "aws_iam_role_policy" "training" {\n  role   = aws_iam_role.sagemaker.id\n  policy = data.aws_iam_policy_document.training.json\n}',
  },
  equivalents: { cdkNag: ['AwsSolutions-IAM4'] },
  evaluate(role) {
    const service = trustedServices(role).find((s) => AI_SERVICES.includes(s));
    if (!service) return undefined;
    const arns = asArray(role.properties.ManagedPolicyArns);
    const managed = arns.flatMap((arn, i) => {
      const name = awsManagedPolicyName(arn);
      return name ? [{ name, i }] : [];
    });
    if (managed.length === 0) return pass(`Role ${role.id}, assumed by ${service}, attaches no AWS managed policy.`);
    return fail(
      `Role ${role.id}, assumed by ${service}, attaches AWS managed ${managed.length > 1 ? 'policies' : 'policy'} ${managed.map((m) => m.name).join(', ')}.`,
      { path: ['ManagedPolicyArns', managed[0]!.i], evidence: { policies: managed.map((m) => m.name) } },
    );
  },
};
