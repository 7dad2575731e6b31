import type { Resource } from '../../graph.js';
import { pass, type ResourceRule, type RuleContext } from '../../rule.js';
import { decide, type Outcome, settle, valuesAt } from '../deploy-values.js';
import { isAcceleratedHost, launchTemplateOf, usesUnreadLaunchTemplate } from './accelerated-hosts.js';

/** Where the metadata options sit: on the instance itself, or in a launch template's data. */
const optionsPath = (r: Resource) =>
  r.type === 'AWS::EC2::LaunchTemplate' ? ['LaunchTemplateData', 'MetadataOptions'] : ['MetadataOptions'];

/** Session tokens required, or the metadata endpoint switched off altogether (no credentials to steal). */
function tokensRequired(ctx: RuleContext, r: Resource): Outcome {
  const path = optionsPath(r);
  const tokens = decide(valuesAt(ctx, r, [...path, 'HttpTokens']), (v) =>
    typeof v === 'string' ? v === 'required' : v === undefined ? false : undefined,
  );
  if (tokens === 'pass') return 'pass';
  const off = decide(valuesAt(ctx, r, [...path, 'HttpEndpoint']), (v) =>
    typeof v === 'string' ? v === 'disabled' : v === undefined ? false : undefined,
  );
  if (off === 'pass') return 'pass';
  return tokens === 'unknown' || off === 'unknown' ? 'unknown' : 'fail';
}

export const ec2AiHostImdsv2: ResourceRule = {
  kind: 'resource',
  id: 'ec2-ai-host-imdsv2',
  title: 'Accelerated EC2 instance or launch template requires IMDSv2',
  severity: 'medium',
  resourceTypes: ['AWS::EC2::Instance', 'AWS::EC2::LaunchTemplate'],
  controls: ['infra-ai-host-imdsv2'],
  description:
    'GPU, Inferentia, Trainium and DL instances (p*, g*, inf*, trn*, dl*) that train or serve models set MetadataOptions.HttpTokens to required, on the instance or in the launch template it uses (or disable the metadata endpoint), so a server-side request forgery through a model server, notebook or agent tool on the host cannot read its role credentials with IMDSv1. CloudFormation leaves HttpTokens optional by default. Instances launched from a launch template outside the scan are not evidenced here; other instance families are not judged.',
  remediation: {
    text: 'Set MetadataOptions.HttpTokens to required (HttpPutResponseHopLimit 2 for containers on the host).',
    cloudformation: 'LaunchTemplateData:\n  MetadataOptions:\n    HttpTokens: required\n    HttpPutResponseHopLimit: 2',
    terraform: 'metadata_options {\n  http_tokens                 = "required"\n  http_put_response_hop_limit = 2\n}',
  },
  equivalents: {
    cdkNag: ['HIPAA.Security-EC2IMDSv2Enabled', 'NIST.800.53.R5-EC2IMDSv2Enabled'],
  },
  evaluate(r, ctx) {
    if (!isAcceleratedHost(ctx, r)) return undefined;
    const kind = r.type === 'AWS::EC2::LaunchTemplate' ? 'Launch template' : 'Instance';
    const own = tokensRequired(ctx, r);
    if (own === 'pass') return pass(`${kind} ${r.id} requires IMDSv2 session tokens.`);
    // Metadata options written on the instance override those of its launch template.
    const lt = r.properties.MetadataOptions === undefined ? launchTemplateOf(ctx, r) : undefined;
    if (lt && tokensRequired(ctx, lt) === 'pass')
      return pass(`Instance ${r.id} requires IMDSv2 through launch template ${lt.id}.`);
    if (own === 'fail' && r.properties.MetadataOptions === undefined && usesUnreadLaunchTemplate(ctx, r))
      return {
        status: 'skip',
        message: `Instance ${r.id} uses a launch template outside this scan, so its metadata options are not evidenced here.`,
      };
    const path = optionsPath(r);
    return settle(
      own === 'unknown' ? 'unknown' : 'fail',
      { fail: `${kind} ${r.id} is an accelerated AI host that still answers IMDSv1 (HttpTokens is not required).` },
      { path: ctx.value(r, path) === undefined ? [] : path },
    );
  },
};
