import { fail, pass, type ResourceRule } from '../../rule.js';
import { asArray, asString, dig } from '../../values.js';
import { classifyKeyRef, keyRefAt } from '../kms/key-reference.js';

export const secretsmanagerSecretCmk: ResourceRule = {
  kind: 'resource',
  id: 'secretsmanager-secret-cmk',
  title: 'Secrets Manager secret is encrypted with a customer managed KMS key',
  severity: 'medium',
  resourceTypes: ['AWS::SecretsManager::Secret'],
  controls: ['dp-kms-cmk-at-rest', 'iam-no-hardcoded-credentials'],
  description:
    'The secret (model provider API keys, vector database credentials, tool tokens) and each of its replicas name a customer managed KmsKeyId instead of the AWS managed key aws/secretsmanager, so reading it needs a key policy grant as well as secretsmanager:GetSecretValue, and the secret can be shared across accounts. A replica without its own KmsKeyId uses the AWS managed key of its Region.',
  remediation: {
    text: 'Set KmsKeyId (and ReplicaRegions[].KmsKeyId) to customer managed keys.',
    cloudformation:
      'KmsKeyId: !Ref SecretsKey\nReplicaRegions:\n  - Region: eu-west-1\n    KmsKeyId: !Ref ReplicaSecretsKeyArn',
    terraform: 'kms_key_id = aws_kms_key.secrets.arn',
  },
  equivalents: {
    checkov: ['CKV_AWS_149'],
    cdkNag: ['NIST.800.53.R5-SecretsManagerUsingKMSKey', 'HIPAA.Security-SecretsManagerUsingKMSKey'],
    cfnNag: ['W77'],
  },
  evaluate(secret, ctx) {
    const key = keyRefAt(ctx, secret, ['KmsKeyId']);
    if (key !== 'customer')
      return fail(
        `Secret ${secret.id} is encrypted with the AWS managed key aws/secretsmanager${key === 'aws-managed' ? ' (named explicitly)' : ''}.`,
        { path: key === 'absent' ? [] : ['KmsKeyId'] },
      );
    const replicas = asArray(dig(secret.properties, ['ReplicaRegions']));
    const weak = replicas
      .map((r, i) => ({
        i,
        region: asString(dig(r, ['Region'])) ?? `#${i + 1}`,
        kind: classifyKeyRef(dig(r, ['KmsKeyId'])),
      }))
      .filter((r) => r.kind !== 'customer');
    const first = weak[0];
    if (first)
      return fail(
        `Secret ${secret.id} replicates to ${weak.map((w) => w.region).join(', ')} under the AWS managed key.`,
        { path: ['ReplicaRegions', first.i], evidence: { regions: weak.map((w) => w.region) } },
      );
    return pass(`Secret ${secret.id} is encrypted with a customer managed key.`);
  },
};
