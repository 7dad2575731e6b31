import type { Resource } from '../../graph.js';
import { fail, pass, type ResourceRule, type RuleContext, type Verdict } from '../../rule.js';
import { boolIs, decide, settle, valuesAt } from '../deploy-values.js';
import { classifyKeyRef, keyRefAt } from '../kms/key-reference.js';
import { combine, replicaOutcomes } from './replicas.js';

function evaluateTable(t: Resource, ctx: RuleContext): Verdict {
  const enabled = decide(valuesAt(ctx, t, ['SSESpecification', 'SSEEnabled']), boolIs(true, false));
  if (enabled !== 'pass')
    return settle(
      enabled,
      { fail: `Table ${t.id} uses the default AWS owned key, which the account cannot control or audit.` },
      { path: t.properties.SSESpecification ? ['SSESpecification'] : [] },
    );
  const key = keyRefAt(ctx, t, ['SSESpecification', 'KMSMasterKeyId']);
  return key === 'customer'
    ? pass(`Table ${t.id} is encrypted with a customer managed key.`)
    : fail(`Table ${t.id} uses SSE-KMS with the AWS managed key; set KMSMasterKeyId to a customer managed key.`, {
        path: ['SSESpecification'],
      });
}

function evaluateGlobalTable(t: Resource, ctx: RuleContext): Verdict {
  const enabled = decide(valuesAt(ctx, t, ['SSESpecification', 'SSEEnabled']), boolIs(true, false));
  if (enabled !== 'pass')
    return settle(
      enabled,
      { fail: `Global table ${t.id} uses the default AWS owned key in every replica.` },
      { path: t.properties.SSESpecification ? ['SSESpecification'] : [] },
    );
  const replicas = replicaOutcomes(
    ctx,
    t,
    ['SSESpecification', 'KMSMasterKeyId'],
    (v) => classifyKeyRef(v) === 'customer',
  );
  const gaps = replicas.filter((r) => r.outcome === 'fail');
  return combine(replicas) === 'pass' && replicas.length > 0
    ? pass(`Global table ${t.id} encrypts every replica with a customer managed key.`)
    : fail(
        `Global table ${t.id} has replicas without a customer managed key: ${gaps.map((g) => g.region).join(', ') || 'none declared'}.`,
        {
          path: gaps[0] ? ['Replicas', gaps[0].index] : ['Replicas'],
          evidence: { replicas: gaps.map((g) => g.region) },
        },
      );
}

export const dynamodbTableCmk: ResourceRule = {
  kind: 'resource',
  id: 'dynamodb-table-cmk',
  title: 'DynamoDB table is encrypted with a customer managed KMS key',
  severity: 'medium',
  resourceTypes: ['AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable'],
  controls: ['dp-rag-datastore-encryption', 'dp-kms-cmk-at-rest'],
  description:
    'Tables that hold RAG metadata, chat history or agent memory enable SSE with a customer managed KMS key (KMSMasterKeyId; for global tables, on every replica), so reading the data needs a key the account controls and audits. The default AWS owned key and the AWS managed key alias/aws/dynamodb fail; Checkov CKV_AWS_119 accepts any KMSMasterKeyId, including the AWS managed alias.',
  remediation: {
    text: 'Set SSESpecification with SSEEnabled: true, SSEType: KMS and KMSMasterKeyId naming a customer managed key.',
    cloudformation: 'SSESpecification:\n  SSEEnabled: true\n  SSEType: KMS\n  KMSMasterKeyId: !Ref TableKey',
    terraform: 'server_side_encryption {\n  enabled     = true\n  kms_key_arn = aws_kms_key.table.arn\n}',
  },
  equivalents: {
    checkov: ['CKV_AWS_119'],
    cfnNag: ['W74'],
    prowler: ['dynamodb_tables_kms_cmk_encryption_enabled'],
  },
  evaluate(t, ctx) {
    return t.type === 'AWS::DynamoDB::GlobalTable' ? evaluateGlobalTable(t, ctx) : evaluateTable(t, ctx);
  },
};
