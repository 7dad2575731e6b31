import type { ResourceRule } from '../../rule.js';
import { boolIs, decide, settle, valuesAt } from '../deploy-values.js';

export const kmsKeyEnabled: ResourceRule = {
  kind: 'resource',
  id: 'kms-key-enabled',
  title: 'KMS key is declared enabled',
  severity: 'medium',
  resourceTypes: ['AWS::KMS::Key', 'AWS::KMS::ReplicaKey'],
  controls: ['dp-kms-cmk-at-rest', 'dp-backup-and-recovery'],
  description:
    'A declared key is not disabled (Enabled: false). Data encrypted under a disabled key (datasets, vector indexes, model artifacts, backups) cannot be read until the key is enabled again, and a disabled key left in a template is usually one waiting to be deleted; retire it deliberately instead.',
  remediation: {
    text: 'Remove Enabled: false, or retire the key deliberately once nothing depends on it.',
    cloudformation: 'Enabled: true',
    terraform: 'is_enabled = true',
  },
  equivalents: { checkov: ['CKV_AWS_227'] },
  evaluate(key, ctx) {
    const outcome = decide(valuesAt(ctx, key, ['Enabled']), boolIs(true, true));
    const users = ctx.graph.referencing(key).map((r) => r.id);
    return settle(
      outcome,
      {
        pass: `Key ${key.id} is enabled.`,
        fail: `Key ${key.id} is disabled${users.length ? `; ${users.join(', ')} depend on it` : ''}.`,
      },
      { path: ['Enabled'], evidence: { dependents: users } },
    );
  },
};
