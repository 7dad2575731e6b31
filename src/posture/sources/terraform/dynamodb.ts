import { block, clean, many, one, shaped, tagList } from './convert.js';
import type { TfMapping } from './mapping.js';
import type { Rec } from './records.js';

/** hash_key / range_key → KeySchema. */
function keySchema(v: Rec): Rec[] | undefined {
  const keys = [
    ['hash_key', 'HASH'],
    ['range_key', 'RANGE'],
  ]
    .filter(([attr]) => clean(v[attr!]) !== undefined)
    .map(([attr, KeyType]) => ({ AttributeName: v[attr!], KeyType }));
  return keys.length ? keys : undefined;
}

export const dynamodbMappings: TfMapping[] = [
  {
    tf: 'aws_dynamodb_table',
    cfn: 'AWS::DynamoDB::Table',
    props: (r) =>
      shaped(r.values, {
        TableName: 'name',
        BillingMode: 'billing_mode',
        KeySchema: keySchema,
        AttributeDefinitions: many('attribute', { AttributeName: 'name', AttributeType: 'type' }),
        SSESpecification: (s) => {
          const sse = block(s.server_side_encryption);
          if (!sse) return undefined;
          return shaped(sse, {
            SSEEnabled: 'enabled',
            SSEType: (x) => (x.enabled === true ? 'KMS' : undefined),
            KMSMasterKeyId: 'kms_key_arn',
          });
        },
        PointInTimeRecoverySpecification: one('point_in_time_recovery', {
          PointInTimeRecoveryEnabled: 'enabled',
          RecoveryPeriodInDays: 'recovery_period_in_days',
        }),
        DeletionProtectionEnabled: 'deletion_protection_enabled',
        StreamSpecification: (s) =>
          s.stream_enabled === true ? shaped(s, { StreamViewType: 'stream_view_type' }) : undefined,
        TimeToLiveSpecification: one('ttl', { AttributeName: 'attribute_name', Enabled: 'enabled' }),
        TableClass: 'table_class',
        Tags: () => tagList(r.values),
      }),
  },
];
