import { describe, expect, it } from 'vitest';
import { verdicts } from '../../test-helpers.js';
import { planVerdicts } from '../plan-test-helpers.js';
import { apigwStageCacheEncrypted } from './apigw-stage-cache-encrypted.js';

const tpl = (resources: string, params = '') =>
  `AWSTemplateFormatVersion: "2010-09-09"\n${params}Resources:\n${resources}`;
const stage = (props: string) =>
  `    Type: AWS::ApiGateway::Stage\n    Properties: { RestApiId: !Ref Api, StageName: prod, ${props} }\n`;
const all = (extra: string) => `{ ResourcePath: "/*", HttpMethod: "*", ${extra} }`;

describe('apigw-stage-cache-encrypted', () => {
  const t = tpl(
    `  NoCache:
${stage('TracingEnabled: true')}  Encrypted:
${stage(`CacheClusterEnabled: true, MethodSettings: [${all('CachingEnabled: true, CacheDataEncrypted: true')}]`)}  Plain:
${stage(`CacheClusterEnabled: true, MethodSettings: [${all('CachingEnabled: true')}]`)}  NoSettings:
${stage('CacheClusterEnabled: true')}  MethodPlain:
${stage(`CacheClusterEnabled: "true", MethodSettings: [${all('CacheDataEncrypted: true')}, { ResourcePath: /~1chat, HttpMethod: POST, CachingEnabled: true }]`)}  WideOffMethodEncrypted:
${stage(`CacheClusterEnabled: true, MethodSettings: [${all('CachingEnabled: false')}, { ResourcePath: /~1answers, HttpMethod: GET, CachingEnabled: true, CacheDataEncrypted: true }]`)}  FromParam:
${stage(`CacheClusterEnabled: true, MethodSettings: [${all('CachingEnabled: true, CacheDataEncrypted: !Ref Encrypt')}]`)}  Sam:
    Type: AWS::Serverless::Api
    Properties: { StageName: prod, CacheClusterEnabled: true, CacheClusterSize: "0.5" }
`,
    'Parameters:\n  Encrypt: { Type: String }\n',
  );
  it('requires CacheDataEncrypted stage-wide and on every cached method once a cache cluster exists', () =>
    expect(verdicts(t, apigwStageCacheEncrypted)).toEqual([
      'pass NoCache',
      'pass Encrypted',
      'fail Plain',
      'fail NoSettings',
      'fail MethodPlain',
      'pass WideOffMethodEncrypted',
      'skip FromParam',
      'fail Sam',
    ]));
  it('reads the cache cluster and method settings of Terraform plans', () =>
    expect(
      planVerdicts(
        [
          {
            address: 'aws_api_gateway_stage.prod',
            values: { stage_name: 'prod', rest_api_id: 'a', cache_cluster_enabled: true },
          },
          {
            address: 'aws_api_gateway_method_settings.all',
            values: {
              stage_name: 'prod',
              method_path: '*/*',
              settings: [{ caching_enabled: true, cache_data_encrypted: true }],
            },
            references: { stage_name: ['aws_api_gateway_stage.prod.stage_name'] },
          },
          {
            address: 'aws_api_gateway_stage.dev',
            values: { stage_name: 'dev', rest_api_id: 'a', cache_cluster_enabled: true },
          },
        ],
        apigwStageCacheEncrypted,
      ),
    ).toEqual(['pass aws_api_gateway_stage.prod', 'fail aws_api_gateway_stage.dev']));
});
