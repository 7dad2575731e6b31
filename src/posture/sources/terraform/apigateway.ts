import { block, clean, one, shaped, tagList } from './convert.js';
import type { TfMapping } from './mapping.js';
import type { Rec } from './records.js';

/** `method_path` `*​/*` or `items/GET` → CloudFormation's ResourcePath and HttpMethod. */
function methodPath(path: unknown): Rec {
  if (typeof path !== 'string') return {};
  const slash = path.lastIndexOf('/');
  const resource = slash < 0 ? '*' : path.slice(0, slash);
  const method = slash < 0 ? path : path.slice(slash + 1);
  return { ResourcePath: resource.startsWith('/') ? resource : `/${resource}`, HttpMethod: method };
}

export const apigatewayMappings: TfMapping[] = [
  {
    tf: 'aws_api_gateway_stage',
    cfn: 'AWS::ApiGateway::Stage',
    props: (r) =>
      shaped(r.values, {
        StageName: 'stage_name',
        RestApiId: 'rest_api_id',
        DeploymentId: 'deployment_id',
        Description: 'description',
        CacheClusterEnabled: 'cache_cluster_enabled',
        CacheClusterSize: 'cache_cluster_size',
        ClientCertificateId: 'client_certificate_id',
        DocumentationVersion: 'documentation_version',
        TracingEnabled: 'xray_tracing_enabled',
        Variables: 'variables',
        AccessLogSetting: one('access_log_settings', { DestinationArn: 'destination_arn', Format: 'format' }),
        Tags: () => tagList(r.values),
      }),
  },
  {
    // Method settings are their own resource in Terraform and part of the stage in CloudFormation.
    tf: 'aws_api_gateway_method_settings',
    merge: (r, plan) => {
      const stage = plan.link(r, 'stage_name', ['aws_api_gateway_stage'], ['stage_name']);
      const settings = block(r.values.settings) ?? {};
      const entry = {
        ...methodPath(r.values.method_path),
        ...shaped(settings, {
          MetricsEnabled: 'metrics_enabled',
          LoggingLevel: 'logging_level',
          DataTraceEnabled: 'data_trace_enabled',
          ThrottlingBurstLimit: 'throttling_burst_limit',
          ThrottlingRateLimit: 'throttling_rate_limit',
          CachingEnabled: 'caching_enabled',
          CacheTtlInSeconds: 'cache_ttl_in_seconds',
          CacheDataEncrypted: 'cache_data_encrypted',
        }),
      };
      return stage ? [{ parent: stage, props: { MethodSettings: [entry] } }] : [];
    },
  },
  {
    tf: 'aws_api_gateway_method',
    cfn: 'AWS::ApiGateway::Method',
    props: (r) =>
      shaped(r.values, {
        RestApiId: 'rest_api_id',
        ResourceId: 'resource_id',
        HttpMethod: 'http_method',
        AuthorizationType: 'authorization',
        AuthorizerId: 'authorizer_id',
        ApiKeyRequired: 'api_key_required',
        AuthorizationScopes: 'authorization_scopes',
        OperationName: (s) => clean(s.operation_name),
      }),
  },
];
