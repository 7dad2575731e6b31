import type { ResourceRule } from '../../rule.js';
import { boolIs, decide, settle, valuesAt } from '../deploy-values.js';
import { combine, replicaOutcomes } from './replicas.js';

export const dynamodbTableDeletionProtection: ResourceRule = {
  kind: 'resource',
  id: 'dynamodb-table-deletion-protection',
  title: 'DynamoDB table has deletion protection',
  severity: 'low',
  resourceTypes: ['AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable'],
  controls: ['dp-backup-and-recovery'],
  description:
    'DeletionProtectionEnabled is true (for global tables, on every replica), so a stack change, a mistaken script or a compromised pipeline cannot drop the table that holds RAG metadata or agent memory in one call.',
  remediation: {
    text: 'Set DeletionProtectionEnabled: true.',
    cloudformation: 'DeletionProtectionEnabled: true',
    terraform: 'deletion_protection_enabled = true',
  },
  equivalents: {
    prowler: ['dynamodb_table_deletion_protection_enabled'],
    securityHub: ['DynamoDB.6'],
  },
  evaluate(t, ctx) {
    if (t.type === 'AWS::DynamoDB::GlobalTable') {
      const replicas = replicaOutcomes(ctx, t, ['DeletionProtectionEnabled'], boolIs(true, false));
      const gaps = replicas.filter((r) => r.outcome !== 'pass');
      return settle(
        replicas.length ? combine(replicas) : 'fail',
        {
          pass: `Global table ${t.id} protects every replica from deletion.`,
          fail: `Global table ${t.id} lacks deletion protection on replica ${gaps.map((g) => g.region).join(', ') || '(none declared)'}.`,
        },
        { path: gaps[0] ? ['Replicas', gaps[0].index] : ['Replicas'] },
      );
    }
    return settle(
      decide(valuesAt(ctx, t, ['DeletionProtectionEnabled']), boolIs(true, false)),
      {
        pass: `Table ${t.id} has deletion protection.`,
        fail: `Table ${t.id} can be deleted without first turning protection off.`,
      },
      { path: ['DeletionProtectionEnabled'] },
    );
  },
};
