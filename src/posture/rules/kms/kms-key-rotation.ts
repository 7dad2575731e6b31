import type { ResourceRule } from '../../rule.js';
import { boolIs, decide, settle, valuesAt } from '../deploy-values.js';

/** Automatic rotation exists only for symmetric encryption keys whose material KMS generates and holds. */
function rotationUnsupported(keySpec: unknown, origin: unknown): string | undefined {
  if (typeof keySpec === 'string' && keySpec !== 'SYMMETRIC_DEFAULT') return `KeySpec ${keySpec}`;
  if (typeof origin === 'string' && origin !== 'AWS_KMS') return `Origin ${origin}`;
  return undefined;
}

export const kmsKeyRotation: ResourceRule = {
  kind: 'resource',
  id: 'kms-key-rotation',
  title: 'KMS key rotates its key material automatically',
  severity: 'medium',
  resourceTypes: ['AWS::KMS::Key'],
  controls: ['dp-kms-key-rotation'],
  description:
    'Symmetric encryption keys that protect AI data set EnableKeyRotation, so KMS replaces the key material on a schedule and limits how much data one key version protects. Asymmetric and HMAC keys, imported key material and custom key stores cannot rotate automatically and are not evaluated (Checkov CKV_AWS_7 still evaluates HMAC keys).',
  remediation: {
    text: 'Set EnableKeyRotation: true (optionally RotationPeriodInDays).',
    cloudformation: 'EnableKeyRotation: true\nRotationPeriodInDays: 365',
    terraform: 'enable_key_rotation     = true\nrotation_period_in_days = 365',
  },
  equivalents: {
    checkov: ['CKV_AWS_7'],
    cdkNag: ['AwsSolutions-KMS5', 'NIST.800.53.R5-KMSBackingKeyRotationEnabled'],
    cfnNag: ['F19'],
    prowler: ['kms_cmk_rotation_enabled'],
    securityHub: ['KMS.4'],
  },
  evaluate(key, ctx) {
    if (rotationUnsupported(ctx.value(key, ['KeySpec']), ctx.value(key, ['Origin']))) return undefined;
    const outcome = decide(valuesAt(ctx, key, ['EnableKeyRotation']), boolIs(true, false));
    return settle(
      outcome,
      {
        pass: `Key ${key.id} rotates automatically.`,
        fail: `Key ${key.id} does not enable automatic rotation; one key version protects data indefinitely.`,
      },
      { path: key.properties.EnableKeyRotation === undefined ? [] : ['EnableKeyRotation'] },
    );
  },
};
