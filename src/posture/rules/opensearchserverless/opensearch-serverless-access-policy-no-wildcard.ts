import { fail, pass, type ResourceRule } from '../../rule.js';
import { asArray, asString } from '../../values.js';
import { policyJson } from './policy-text.js';

/** `*`, or an IAM ARN whose account is a wildcard (`arn:aws:iam::*:role/x`). */
const isWildcard = (p: unknown): boolean => p === '*' || (typeof p === 'string' && /^arn:[^:]+:iam::\*:/.test(p));

export const opensearchServerlessAccessPolicyNoWildcard: ResourceRule = {
  kind: 'resource',
  id: 'opensearch-serverless-access-policy-no-wildcard',
  title: 'OpenSearch Serverless data access policy names its principals',
  severity: 'high',
  resourceTypes: ['AWS::OpenSearchServerless::AccessPolicy'],
  controls: ['iam-resource-policies-least-privilege', 'dp-vector-store-not-public'],
  description:
    'Every entry of a data access policy lists specific principals (the knowledge base service role, ingestion and application roles) rather than `*` or an ARN with a wildcard account. Data access policies take no conditions, so a wildcard there grants the indexes and their embeddings to any authenticated AWS identity that can reach the collection.',
  remediation: {
    text: 'Replace wildcard principals with the ARNs of the roles that read or write the collection.',
    cloudformation:
      'Policy: !Sub \'[{"Rules":[{"ResourceType":"index","Resource":["index/${CollectionName}/*"],"Permission":["aoss:ReadDocument","aoss:WriteDocument"]}],"Principal":["${KnowledgeBaseRole.Arn}"]}]\'',
    terraform:
      'policy = jsonencode([{\n  Rules     = [{ ResourceType = "index", Resource = ["index/${var.collection_name}/*"], Permission = ["aoss:ReadDocument"] }]\n  Principal = [aws_iam_role.knowledge_base.arn]\n}])',
  },
  equivalents: {},
  evaluate(policy, ctx) {
    if (asString(ctx.value(policy, ['Type']))?.toLowerCase() !== 'data') return undefined;
    const json = policyJson(ctx, policy, policy.properties.Policy);
    if (json === undefined)
      return {
        status: 'skip',
        message: `Data access policy ${policy.id} is not readable JSON here; its contents are not evidenced.`,
      };
    const entries = asArray(json);
    const wild = entries.flatMap((e, index) =>
      asArray((e as { Principal?: unknown } | undefined)?.Principal)
        .filter(isWildcard)
        .map((p) => ({ index, principal: String(p) })),
    );
    if (!wild.length) return pass(`Data access policy ${policy.id} names its principals.`);
    return fail(
      `Data access policy ${policy.id} grants collection data to ${wild.map((w) => w.principal).join(', ')}.`,
      { path: ['Policy'], evidence: { entries: wild.map((w) => w.index) } },
    );
  },
};
