import type { Resource } from '../../graph.js';
import { fail, pass, type ResourceRule, type RuleContext } from '../../rule.js';
import { refTarget } from '../../sources/intrinsics.js';
import { isSet } from '../../values.js';
import { sameTemplate } from '../deploy-values.js';

const SCHEDULE = 'AWS::SecretsManager::RotationSchedule';

/** Does a rotation schedule's SecretId point at this secret (by Ref, or by the secret's literal name)? */
function targets(schedule: Resource, id: string, name: unknown): boolean {
  const target = schedule.properties.SecretId;
  return refTarget(target) === id || (typeof name === 'string' && target === name);
}

/** Rotation schedules of a secret, directly or through a SecretTargetAttachment (the RDS pattern). */
function schedulesOf(ctx: RuleContext, secret: Resource): Resource[] {
  const name = secret.properties.Name;
  const direct = ctx.graph.referencing(secret, SCHEDULE).filter((s) => targets(s, secret.id, name));
  const attached = ctx.graph
    .referencing(secret, 'AWS::SecretsManager::SecretTargetAttachment')
    .filter((a) => refTarget(a.properties.SecretId) === secret.id)
    .flatMap((a) => ctx.graph.referencing(a, SCHEDULE).filter((s) => targets(s, a.id, undefined)));
  // Literal-name matches are not graph edges, so look for them among all schedules of the template.
  const byName =
    typeof name === 'string' ? sameTemplate(ctx, secret, SCHEDULE).filter((s) => s.properties.SecretId === name) : [];
  return [...new Set([...direct, ...attached, ...byName])];
}

/** What a schedule lacks to actually rotate: a rotation function (own, hosted or partner) and rules. */
function scheduleGap(s: Resource): string | undefined {
  const p = s.properties;
  const rotator = isSet(p.RotationLambdaARN) || isSet(p.HostedRotationLambda) || isSet(p.ExternalSecretRotationRoleArn);
  if (!rotator) return 'names no rotation function';
  if (!isSet(p.RotationRules)) return 'has no RotationRules';
  return undefined;
}

export const secretsmanagerSecretRotation: ResourceRule = {
  kind: 'resource',
  id: 'secretsmanager-secret-rotation',
  title: 'Secrets Manager secret has automatic rotation',
  severity: 'medium',
  resourceTypes: ['AWS::SecretsManager::Secret'],
  controls: ['iam-short-term-credentials', 'iam-no-hardcoded-credentials'],
  description:
    'A RotationSchedule with a rotation function (RotationLambdaARN, HostedRotationLambda or a managed external secret rotation role) and RotationRules targets the secret, directly or through a SecretTargetAttachment, so database and tool credentials used by RAG pipelines and agents do not live forever. Keys issued by third parties that cannot be rotated by a function should carry a suppression with the reason.',
  remediation: {
    text: 'Declare an AWS::SecretsManager::RotationSchedule for the secret with a rotation function and RotationRules.',
    cloudformation:
      'SecretRotation:\n  Type: AWS::SecretsManager::RotationSchedule\n  Properties:\n    SecretId: !Ref VectorDbSecret\n    HostedRotationLambda: { RotationType: PostgreSQLSingleUser }\n    RotationRules: { AutomaticallyAfterDays: 30 }',
    terraform:
      'resource "aws_secretsmanager_secret_rotation" "this" {\n  secret_id           = aws_secretsmanager_secret.this.id\n  rotation_lambda_arn = aws_lambda_function.rotator.arn\n  rotation_rules { automatically_after_days = 30 }\n}',
  },
  equivalents: {
    cdkNag: [
      'AwsSolutions-SMG4',
      'NIST.800.53.R5-SecretsManagerRotationEnabled',
      'HIPAA.Security-SecretsManagerRotationEnabled',
    ],
    prowler: ['secretsmanager_automatic_rotation_enabled'],
    securityHub: ['SecretsManager.1'],
  },
  evaluate(secret, ctx) {
    const schedules = schedulesOf(ctx, secret);
    if (!schedules.length) return fail(`Secret ${secret.id} has no rotation schedule; its value never changes.`);
    const working = schedules.find((s) => !scheduleGap(s));
    if (working) return pass(`Secret ${secret.id} rotates through ${working.id}.`);
    const s = schedules[0]!;
    return fail(`Secret ${secret.id} has rotation schedule ${s.id}, but it ${scheduleGap(s)}.`, {
      evidence: { schedules: schedules.map((x) => x.id) },
    });
  },
};
