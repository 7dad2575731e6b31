import { many, shaped, tagList } from './convert.js';
import type { TfMapping } from './mapping.js';

const FIELD_SELECTORS = many('field_selector', {
  Field: 'field',
  Equals: 'equals',
  NotEquals: 'not_equals',
  StartsWith: 'starts_with',
  NotStartsWith: 'not_starts_with',
  EndsWith: 'ends_with',
  NotEndsWith: 'not_ends_with',
});

export const cloudtrailMappings: TfMapping[] = [
  {
    tf: 'aws_cloudtrail',
    cfn: 'AWS::CloudTrail::Trail',
    props: (r) =>
      shaped(r.values, {
        TrailName: 'name',
        S3BucketName: 's3_bucket_name',
        S3KeyPrefix: 's3_key_prefix',
        SnsTopicName: 'sns_topic_name',
        IncludeGlobalServiceEvents: 'include_global_service_events',
        IsMultiRegionTrail: 'is_multi_region_trail',
        IsOrganizationTrail: 'is_organization_trail',
        EnableLogFileValidation: 'enable_log_file_validation',
        // Terraform's enable_logging defaults to true; CloudFormation requires IsLogging.
        IsLogging: (s) => (typeof s.enable_logging === 'boolean' ? s.enable_logging : true),
        KMSKeyId: 'kms_key_id',
        CloudWatchLogsLogGroupArn: 'cloud_watch_logs_group_arn',
        CloudWatchLogsRoleArn: 'cloud_watch_logs_role_arn',
        EventSelectors: many('event_selector', {
          ReadWriteType: 'read_write_type',
          IncludeManagementEvents: 'include_management_events',
          ExcludeManagementEventSources: 'exclude_management_event_sources',
          DataResources: many('data_resource', { Type: 'type', Values: 'values' }),
        }),
        AdvancedEventSelectors: many('advanced_event_selector', { Name: 'name', FieldSelectors: FIELD_SELECTORS }),
        InsightSelectors: many('insight_selector', { InsightType: 'insight_type' }),
        Tags: () => tagList(r.values),
      }),
  },
];
