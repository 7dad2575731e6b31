import { fail, pass, type ResourceRule } from '../../rule.js';
import { asArray, asBool } from '../../values.js';
import { policyType } from '../opensearch-security-policies.js';
import { policyJson } from './policy-text.js';

export const opensearchServerlessNetworkNotPublic: ResourceRule = {
  kind: 'resource',
  id: 'opensearch-serverless-network-not-public',
  title: 'OpenSearch Serverless network policy does not allow public access',
  severity: 'high',
  resourceTypes: ['AWS::OpenSearchServerless::SecurityPolicy'],
  controls: ['dp-vector-store-not-public'],
  description:
    'No entry of a network security policy sets AllowFromPublic: true, so the collections it covers (the vector stores of Bedrock knowledge bases) and their dashboards are reachable only through the VPC endpoints in SourceVPCEs or the AWS services in SourceServices (bedrock.amazonaws.com). Encryption policies are not evaluated.',
  remediation: {
    text: 'Set AllowFromPublic: false and list SourceVPCEs and/or SourceServices (bedrock.amazonaws.com) in each entry.',
    cloudformation:
      'Policy: !Sub \'[{"Rules":[{"ResourceType":"collection","Resource":["collection/${CollectionName}"]}],"AllowFromPublic":false,"SourceVPCEs":["${SearchEndpoint}"],"SourceServices":["bedrock.amazonaws.com"]}]\'',
    terraform:
      'policy = jsonencode([{\n  Rules           = [{ ResourceType = "collection", Resource = ["collection/${var.collection_name}"] }]\n  AllowFromPublic = false\n  SourceVPCEs     = [aws_opensearchserverless_vpc_endpoint.this.id]\n  SourceServices  = ["bedrock.amazonaws.com"]\n}])',
  },
  equivalents: {},
  evaluate(policy, ctx) {
    if (policyType(ctx, policy) !== 'network') return undefined;
    const json = policyJson(ctx, policy, policy.properties.Policy);
    if (json === undefined)
      return {
        status: 'skip',
        message: `Network policy ${policy.id} is not readable JSON here; its contents are not evidenced.`,
      };
    const entries = asArray(json);
    const open = entries.flatMap((e, index) => {
      const entry = e as { AllowFromPublic?: unknown; Rules?: unknown } | undefined;
      if (asBool(entry?.AllowFromPublic) !== true) return [];
      const exposed = asArray(entry?.Rules).flatMap((r) => {
        const rule = r as { ResourceType?: unknown; Resource?: unknown } | undefined;
        return asArray(rule?.Resource).map((p) => `${String(rule?.ResourceType)} ${String(p)}`);
      });
      return [{ index, exposed }];
    });
    if (!open.length) return pass(`Network policy ${policy.id} keeps its collections off the public internet.`);
    return fail(
      `Network policy ${policy.id} allows public access to ${open.flatMap((o) => o.exposed).join(', ') || 'its resources'}.`,
      { path: ['Policy'], evidence: { entries: open.map((o) => o.index) } },
    );
  },
};
