import type { ResourceRule } from '../../rule.js';
import { boolIs, decide, settle, valuesAt } from '../deploy-values.js';
import { combine, replicaOutcomes } from './replicas.js';

const SETTING = ['PointInTimeRecoverySpecification', 'PointInTimeRecoveryEnabled'];

export const dynamodbTablePitr: ResourceRule = {
  kind: 'resource',
  id: 'dynamodb-table-pitr',
  title: 'DynamoDB table has point-in-time recovery',
  severity: 'medium',
  resourceTypes: ['AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable'],
  controls: ['dp-backup-and-recovery'],
  description:
    'Point-in-time recovery is on (for global tables, on every replica), so a table of embeddings metadata, conversation state or agent memory can be restored to any second of the last 35 days after a bad write, a poisoning or a deletion. Checkov CKV_AWS_165 reads only the first replica of a global table.',
  remediation: {
    text: 'Set PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled: true (on every replica of a global table).',
    cloudformation: 'PointInTimeRecoverySpecification:\n  PointInTimeRecoveryEnabled: true',
    terraform: 'point_in_time_recovery {\n  enabled = true\n}',
  },
  equivalents: {
    checkov: ['CKV_AWS_28', 'CKV_AWS_165'],
    cdkNag: ['AwsSolutions-DDB3', 'NIST.800.53.R5-DynamoDBPITREnabled', 'HIPAA.Security-DynamoDBPITREnabled'],
    cfnNag: ['W78'],
    prowler: ['dynamodb_tables_pitr_enabled'],
    securityHub: ['DynamoDB.2'],
  },
  evaluate(t, ctx) {
    if (t.type === 'AWS::DynamoDB::GlobalTable') {
      const replicas = replicaOutcomes(ctx, t, SETTING, boolIs(true, false));
      const gaps = replicas.filter((r) => r.outcome !== 'pass');
      return settle(
        replicas.length ? combine(replicas) : 'fail',
        {
          pass: `Global table ${t.id} has point-in-time recovery on every replica.`,
          fail: `Global table ${t.id} lacks point-in-time recovery on replica ${gaps.map((g) => g.region).join(', ') || '(none declared)'}.`,
        },
        {
          path: gaps[0] ? ['Replicas', gaps[0].index] : ['Replicas'],
          evidence: { replicas: gaps.map((g) => g.region) },
        },
      );
    }
    return settle(
      decide(valuesAt(ctx, t, SETTING), boolIs(true, false)),
      {
        pass: `Table ${t.id} has point-in-time recovery.`,
        fail: `Table ${t.id} has no point-in-time recovery; a bad write or delete cannot be rolled back.`,
      },
      { path: t.properties.PointInTimeRecoverySpecification ? SETTING : [] },
    );
  },
};
