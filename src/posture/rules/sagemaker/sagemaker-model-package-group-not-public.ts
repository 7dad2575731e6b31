import { statements } from '../../policy-document.js';
import { fail, pass, type ResourceRule } from '../../rule.js';
import { asArray } from '../../values.js';

/** True when a policy Principal admits anyone: "*" or { AWS: "*" } (alone or in a list). */
export function isAnyonePrincipal(principal: unknown): boolean {
  if (principal === '*') return true;
  if (!principal || typeof principal !== 'object') return false;
  return asArray((principal as { AWS?: unknown }).AWS).includes('*');
}

export const sagemakerModelPackageGroupNotPublic: ResourceRule = {
  kind: 'resource',
  id: 'sagemaker-model-package-group-not-public',
  title: 'SageMaker model package group policy does not share models with everyone',
  severity: 'high',
  resourceTypes: ['AWS::SageMaker::ModelPackageGroup'],
  controls: ['iam-resource-policies-least-privilege'],
  description:
    'The ModelPackageGroupPolicy grants access only to named principals (accounts, roles or the organisation): no Allow statement has a "*" principal without a condition, so registered model weights cannot be described or copied by any AWS account.',
  remediation: {
    text: 'Name the consuming accounts or roles as principals, or add an aws:PrincipalOrgID condition.',
    cloudformation:
      'ModelPackageGroupPolicy:\n  Version: "2012-10-17"\n  Statement:\n    - Effect: Allow\n      Principal: { AWS: !Sub "arn:${AWS::Partition}:iam::${ProdAccountId}:root" }\n      Action: [sagemaker:DescribeModelPackage, sagemaker:ListModelPackages]\n      Resource: "*"',
    terraform: 'resource_policy = data.aws_iam_policy_document.model_group.json # principals = prod account only',
  },
  equivalents: {},
  evaluate(group) {
    let doc = group.properties.ModelPackageGroupPolicy;
    if (doc === undefined) return undefined;
    if (typeof doc === 'string') {
      try {
        doc = JSON.parse(doc);
      } catch {
        return undefined;
      }
    }
    const open = statements(doc).find(
      (s) => s.effect === 'Allow' && isAnyonePrincipal(s.principals) && Object.keys(s.condition).length === 0,
    );
    return open
      ? fail(
          `Model package group ${group.id} allows any principal (statement ${open.index}) to ${open.actions.join(', ') || 'act'}.`,
          {
            path:
              typeof group.properties.ModelPackageGroupPolicy === 'string'
                ? ['ModelPackageGroupPolicy']
                : ['ModelPackageGroupPolicy', 'Statement', open.index],
            evidence: { actions: open.actions },
          },
        )
      : pass(`Model package group ${group.id} shares models only with named principals.`);
  },
};
