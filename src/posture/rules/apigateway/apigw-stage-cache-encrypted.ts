import { fail, pass, type ResourceRule } from '../../rule.js';
import { isIntrinsic } from '../../sources/intrinsics.js';
import { asArray, asBool } from '../../values.js';
import { settle } from '../deploy-values.js';

type Rec = Record<string, unknown>;
const rec = (v: unknown): Rec => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Rec) : {});

const stageWide = (s: Rec) => s.ResourcePath === '/*' && s.HttpMethod === '*';

export const apigwStageCacheEncrypted: ResourceRule = {
  kind: 'resource',
  id: 'apigw-stage-cache-encrypted',
  title: 'REST API stage encrypts its response cache',
  severity: 'medium',
  resourceTypes: ['AWS::ApiGateway::Stage', 'AWS::Serverless::Api'],
  controls: ['dp-response-cache-encryption'],
  description:
    'A stage with CacheClusterEnabled true sets CacheDataEncrypted true in its stage-wide MethodSettings entry (ResourcePath /*, HttpMethod *) and in every per-method entry that turns CachingEnabled on, so cached completions and retrieved passages are encrypted at rest. Methods without their own entry inherit the stage-wide one. A stage without a cache cluster caches nothing and passes; a cache is not required.',
  remediation: {
    text: 'Add CacheDataEncrypted: true to the stage-wide method settings and to every method setting that enables caching.',
    cloudformation:
      'CacheClusterEnabled: true\nMethodSettings:\n  - ResourcePath: "/*"\n    HttpMethod: "*"\n    CachingEnabled: true\n    CacheDataEncrypted: true',
    terraform:
      'resource "aws_api_gateway_method_settings" "all" {\n  rest_api_id = aws_api_gateway_rest_api.this.id\n  stage_name  = aws_api_gateway_stage.this.stage_name\n  method_path = "*/*"\n  settings {\n    caching_enabled      = true\n    cache_data_encrypted = true\n  }\n}',
  },
  equivalents: {
    cdkNag: ['HIPAA.Security-APIGWCacheEnabledAndEncrypted', 'NIST.800.53.R5-APIGWCacheEnabledAndEncrypted'],
    securityHub: ['APIGateway.5'],
  },
  evaluate(stage, ctx) {
    const cluster = ctx.value(stage, ['CacheClusterEnabled']);
    if (asBool(cluster) !== true && !isIntrinsic(cluster))
      return pass(`Stage ${stage.id} has no cache cluster, so no responses are cached.`);
    const settings = asArray(ctx.value(stage, ['MethodSettings'])).map(rec);
    const wide = settings.find(stageWide);
    // Methods without their own entry inherit the stage-wide one, which therefore must encrypt unless it turns caching off.
    const wideGap =
      asBool(wide?.CacheDataEncrypted) !== true && asBool(wide?.CachingEnabled) !== false ? [wide ?? {}] : [];
    const methodGaps = settings.filter(
      (s) => !stageWide(s) && asBool(s.CachingEnabled) === true && asBool(s.CacheDataEncrypted) !== true,
    );
    const gaps = [...wideGap, ...methodGaps];
    if (!gaps.length) return pass(`Stage ${stage.id} encrypts its response cache.`);
    const path = stage.properties.MethodSettings === undefined ? ['CacheClusterEnabled'] : ['MethodSettings'];
    if (isIntrinsic(cluster) || gaps.some((s) => isIntrinsic(s.CacheDataEncrypted) || isIntrinsic(s.CachingEnabled)))
      return settle('unknown', { fail: `Stage ${stage.id} may cache responses unencrypted.` }, { path });
    const which = wideGap.length
      ? 'stage-wide method settings do not set CacheDataEncrypted'
      : `method ${String(methodGaps[0]!.HttpMethod)} ${String(methodGaps[0]!.ResourcePath)} caches without CacheDataEncrypted`;
    return fail(`Stage ${stage.id} has a cache cluster but its ${which}, so cached responses are stored unencrypted.`, {
      path,
    });
  },
};
