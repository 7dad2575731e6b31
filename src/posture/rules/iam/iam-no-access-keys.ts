import { fail, pass, type ResourceRule } from '../../rule.js';

export const iamNoAccessKeys: ResourceRule = {
  kind: 'resource',
  id: 'iam-no-access-keys',
  title: 'No long-lived IAM access keys are created',
  severity: 'high',
  resourceTypes: ['AWS::IAM::AccessKey'],
  controls: ['iam-no-long-lived-keys', 'iam-short-term-credentials'],
  description:
    'The templates create no active AWS::IAM::AccessKey. AI workloads run with role credentials (execution roles, instance profiles, IAM Roles Anywhere); a static key created by a template is stored in stack outputs or parameters, never expires, and is a common way model access leaks. A key declared with Status Inactive passes.',
  remediation: {
    text: 'Remove the access key and give the workload an IAM role (Lambda/ECS/SageMaker execution role, or IAM Roles Anywhere outside AWS).',
    cloudformation:
      'AppRole:\n  Type: AWS::IAM::Role\n  Properties:\n    AssumeRolePolicyDocument:\n      Statement:\n        - { Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }',
    terraform:
      'resource "aws_iam_role" "app" {\n  assume_role_policy = data.aws_iam_policy_document.lambda_trust.json\n}',
  },
  equivalents: {},
  evaluate(key, ctx) {
    return ctx.value(key, ['Status']) === 'Inactive'
      ? pass(`Access key ${key.id} is inactive.`)
      : fail(`Access key ${key.id} is a long-lived credential; use role credentials instead.`);
  },
};
