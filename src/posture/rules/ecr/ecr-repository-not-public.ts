import { fail, pass, type ResourceRule } from '../../rule.js';
import { policyDocument, publicGrants, statementPath } from '../s3/public-principal.js';

export const ecrRepositoryNotPublic: ResourceRule = {
  kind: 'resource',
  id: 'ecr-repository-not-public',
  title: 'ECR repository policy grants nothing to everyone',
  severity: 'high',
  resourceTypes: ['AWS::ECR::Repository'],
  controls: ['iam-resource-policies-least-privilege', 'infra-container-image-provenance'],
  description:
    'The repository policy has no Allow statement for Principal "*" (or NotPrincipal) without a condition that pins the caller, such as aws:PrincipalOrgID. An open policy lets anyone pull the serving image with its embedded code and weights, or, with push actions, replace it.',
  remediation: {
    text: 'Name the accounts or roles that pull images, or pin a wildcard principal with aws:PrincipalOrgID.',
    cloudformation:
      'RepositoryPolicyText:\n  Statement:\n    - Effect: Allow\n      Principal: "*"\n      Action: [ecr:BatchGetImage, ecr:GetDownloadUrlForLayer]\n      Condition:\n        StringEquals: { aws:PrincipalOrgID: !Ref OrgId }',
    terraform:
      'statement {\n  principals { type = "*" identifiers = ["*"] }\n  actions = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]\n  condition {\n    test     = "StringEquals"\n    variable = "aws:PrincipalOrgID"\n    values   = [var.org_id]\n  }\n}',
  },
  equivalents: {
    checkov: ['CKV_AWS_32'],
    cdkNag: ['AwsSolutions-ECR1'],
    prowler: ['ecr_repositories_not_publicly_accessible'],
  },
  evaluate(repo) {
    const doc = policyDocument(repo.properties.RepositoryPolicyText);
    const open = publicGrants(doc);
    const first = open[0];
    if (!first) return pass(`Repository ${repo.id} grants nothing to everyone.`);
    return fail(
      `Repository ${repo.id} allows ${first.actions.join(', ') || 'actions'} to everyone (statement ${first.index + 1}).`,
      { path: statementPath(doc, ['RepositoryPolicyText'], first), evidence: { statements: open.map((s) => s.index) } },
    );
  },
};
