import { fail, pass, type ResourceRule } from '../../rule.js';
import { policyDocument, publicGrants, statementPath } from '../s3/public-principal.js';

export const kmsKeyPolicyNoWildcardPrincipal: ResourceRule = {
  kind: 'resource',
  id: 'kms-key-policy-no-wildcard-principal',
  title: 'KMS key policy grants nothing to a wildcard principal',
  severity: 'high',
  resourceTypes: ['AWS::KMS::Key', 'AWS::KMS::ReplicaKey'],
  controls: ['dp-kms-key-policy-no-wildcard'],
  description:
    'No Allow statement in the key policy names Principal "*" (or uses NotPrincipal) unless a condition pins the caller, for example kms:CallerAccount or aws:PrincipalOrgID. A key open to everyone lets any AWS account decrypt the training data, vectors or model artifacts it protects. Checkov CKV_AWS_33 fails a wildcard principal even when such a condition is present.',
  remediation: {
    text: 'Grant the key to the account root or to named roles; where a wildcard is needed, add kms:CallerAccount and kms:ViaService conditions.',
    cloudformation:
      'KeyPolicy:\n  Statement:\n    - Effect: Allow\n      Principal: { AWS: !Sub "arn:aws:iam::${AWS::AccountId}:root" }\n      Action: kms:*\n      Resource: "*"',
    terraform:
      'statement {\n  principals {\n    type        = "AWS"\n    identifiers = ["arn:aws:iam::${data.aws_caller_identity.current.account_id}:root"]\n  }\n  actions   = ["kms:*"]\n  resources = ["*"]\n}',
  },
  equivalents: {
    checkov: ['CKV_AWS_33'],
    cfnNag: ['F76'],
    prowler: ['kms_key_not_publicly_accessible'],
    securityHub: ['KMS.5'],
  },
  evaluate(key) {
    const doc = policyDocument(key.properties.KeyPolicy);
    const open = publicGrants(doc);
    const first = open[0];
    if (!first) return pass(`Key ${key.id} grants nothing to a wildcard principal.`);
    return fail(
      `Key ${key.id} allows ${first.actions.join(', ') || 'key use'} to any principal without a pinning condition (statement ${first.index + 1}).`,
      { path: statementPath(doc, ['KeyPolicy'], first), evidence: { statements: open.map((s) => s.index) } },
    );
  },
};
