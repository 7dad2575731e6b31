import { fail, pass, type ResourceRule } from '../../rule.js';
import { asBool } from '../../values.js';

export const cloudtrailMultiRegion: ResourceRule = {
  kind: 'resource',
  id: 'cloudtrail-multi-region',
  title: 'CloudTrail trail is multi-region and logging',
  severity: 'medium',
  resourceTypes: ['AWS::CloudTrail::Trail'],
  controls: ['tdr-cloudtrail-multi-region'],
  description:
    'The trail records API calls in every region (IsMultiRegionTrail) and is logging, so model access from an unexpected region is still recorded.',
  remediation: {
    text: 'Set IsMultiRegionTrail: true and IsLogging: true.',
    cloudformation: 'IsMultiRegionTrail: true\nIsLogging: true',
    terraform: 'is_multi_region_trail = true\nenable_logging        = true',
  },
  equivalents: { checkov: ['CKV_AWS_67'], prowler: ['cloudtrail_multi_region_enabled'], securityHub: ['CloudTrail.1'] },
  evaluate(t, ctx) {
    if (asBool(ctx.value(t, ['IsLogging'])) === false)
      return fail(`Trail ${t.id} is not logging.`, { path: ['IsLogging'] });
    return asBool(ctx.value(t, ['IsMultiRegionTrail'])) === true
      ? pass(`Trail ${t.id} covers every region.`)
      : fail(`Trail ${t.id} records a single region only.`, { path: ['IsMultiRegionTrail'] });
  },
};
